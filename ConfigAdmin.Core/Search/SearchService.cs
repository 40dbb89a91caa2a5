using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Search;

/// <summary>
/// Finds keys across every application the caller may read, by key name, description or value. Values of secret keys
/// are never matched nor returned: they are stored encrypted, and a match would leak what they contain.
/// </summary>
public sealed class SearchService(IConfigAdminDbFactory factory, IValidator<SearchQuery> validator, ChangeContext context)
{
    /// <summary>Values are at most 64 KiB; a hit shows this much of each, enough to recognise it.</summary>
    public const int ValueExcerptLength = 200;

    /// <summary>One page of matching keys, by application then key name.</summary>
    public async Task<PagedResult<SearchHit>> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        context.Caller.EnsureAdminSurface();
        await validator.CheckAsync(query, ct);
        var term = query.Q!.Trim();
        // Upper on both sides ignores case on both providers (SQLite folds ASCII only); the plain comparison still finds
        // non-ASCII text typed exactly as stored.
        var upper = term.ToUpperInvariant();
        // An ASCII term found as typed is found by the upper-case comparison too: the plain one is only asked for others.
        var exact = System.Text.Ascii.IsValid(term) ? null : term;
        await using var db = await factory.CreateAsync(ct);
        var configs = db.Configs.AsNoTracking();
        if (context.Caller.ReadableApplications() is { } readable) configs = configs.Where(c => readable.Contains(c.ApplicationId));
        configs = configs.Where(c => c.NormalizedKey.Contains(upper)
            || (c.Description != null && (c.Description.ToUpper().Contains(upper) || (exact != null && c.Description.Contains(exact))))
            || (!c.IsSecret && ((c.DefaultValue != null && (c.DefaultValue.ToUpper().Contains(upper) || (exact != null && c.DefaultValue.Contains(exact))))
                                || c.Overrides.Any(o => o.Value.ToUpper().Contains(upper) || (exact != null && o.Value.Contains(exact))))));
        // One pass over every key and value finds the matches in order (a substring search reads them all); counting
        // and paging are then the list's, and only the page's rows are read in full.
        var matches = await configs.OrderBy(c => c.Application!.NormalizedName).ThenBy(c => c.NormalizedKey).Select(c => c.Id).ToListAsync(ct);
        var pageIds = matches.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var rows = await db.Configs.AsNoTracking().Where(c => pageIds.Contains(c.Id))
            .Select(c => new KeyRow(c.Id, c.Application!.Name, c.Key, c.ValueType, c.Description, c.IsSecret,
                // Secret values never leave the database for a search, not even encrypted.
                c.IsSecret ? null : c.DefaultValue))
            .ToDictionaryAsync(k => k.Id, ct);
        // A key deleted between the two reads is left out of the page.
        var keys = pageIds.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
        var total = matches.Count;
        var ids = keys.Where(k => !k.IsSecret).Select(k => k.Id).ToList();
        var overrides = (await db.Overrides.AsNoTracking().Where(o => ids.Contains(o.ConfigId) && !o.Config!.IsSecret)
                .Select(o => new OverrideRow(o.ConfigId, o.Environment!.Name, o.Environment.SortOrder, o.Value))
                .ToListAsync(ct))
            .ToLookup(o => o.ConfigId);
        return PagedResult<SearchHit>.Of(keys.Select(k => k.ToHit(overrides[k.Id], term)).ToList(), query, total);
    }

    private sealed record OverrideRow(Guid ConfigId, string Environment, int SortOrder, string Value);

    private sealed record KeyRow(Guid Id, string Application, string Key, ConfigValueType ValueType, string? Description,
        bool IsSecret, string? DefaultValue)
    {
        public SearchHit ToHit(IEnumerable<OverrideRow> overrides, string term)
        {
            var values = new List<SearchValue>();
            if (Matches(DefaultValue, term)) values.Add(new SearchValue("default", Excerpt(DefaultValue!, term)));
            values.AddRange(overrides.Where(o => Matches(o.Value, term)).OrderBy(o => o.SortOrder).ThenBy(o => o.Environment, StringComparer.Ordinal)
                .Select(o => new SearchValue(o.Environment, Excerpt(o.Value, term))));
            var matched = new List<string>();
            if (Matches(Key, term)) matched.Add("key");
            if (Matches(Description, term)) matched.Add("description");
            matched.AddRange(values.Select(v => v.Source));
            return new SearchHit(Id, Application, Key, ValueType, Description, IsSecret, matched, values);
        }

        private static bool Matches(string? text, string term) => text?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;

        /// <summary>The value, or a window of it around the match when it is long.</summary>
        private static string Excerpt(string value, string term)
        {
            if (value.Length <= ValueExcerptLength) return value;
            var at = value.IndexOf(term, StringComparison.OrdinalIgnoreCase);
            var start = Math.Clamp(at - ValueExcerptLength / 4, 0, value.Length - ValueExcerptLength);
            var end = start + ValueExcerptLength;
            // Never split a surrogate pair.
            if (start > 0 && char.IsLowSurrogate(value[start])) start++;
            if (end < value.Length && char.IsLowSurrogate(value[end])) end--;
            return (start > 0 ? "…" : "") + value[start..end] + (end < value.Length ? "…" : "");
        }
    }
}
