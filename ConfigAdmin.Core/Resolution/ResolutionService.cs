using System.Buffers;
using System.Text.Json;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Resolution;

/// <summary>Resolves (application, environment) to the document a client gets, through the cache, for one caller.</summary>
public sealed class ResolutionService(IConfigAdminDbFactory factory, ResolvedConfigCache cache, SecretValues secrets)
{
    /// <summary>
    /// The client read: cached bytes and ETag, computed from the database on a miss. An application the caller's roles
    /// do not cover is a 404; secrets come in clear, masked or not at all, as the caller's role allows.
    /// </summary>
    public async Task<ResolvedDocument> GetDocumentAsync(string application, string environment, bool explain, Caller caller,
        CancellationToken ct = default) =>
        (await GetWithIdAsync(application, environment, explain, caller, ct)).Document;

    /// <summary>The client read, with the application's id: what waiting clients wait on.</summary>
    public async Task<(Guid ApplicationId, ResolvedDocument Document)> GetWithIdAsync(string application, string environment, bool explain,
        Caller caller, CancellationToken ct = default)
    {
        var appId = await FindIdAsync(application, environment, ct);
        var view = caller.EnsureCanClientRead(appId, application, environment);
        var key = new CacheKey(appId, environment.ToLowerInvariant(), explain, view);
        if (cache.TryGet(key, out var cached)) return (appId, cached);

        var stamp = cache.Begin(appId);
        // Shared by every reader that missed it since the same change, so no one reader's cancellation ends it.
        var document = await cache.LoadOnceAsync(key, stamp, async () =>
        {
            var loaded = ToDocument(await ResolveAsync(appId, key.Environment, CancellationToken.None), explain, view);
            cache.Store(key, loaded, stamp);
            return loaded;
        });
        return (appId, document);
    }

    /// <summary>The cached document for this caller, if there is one and the caller may read it: no database, no allocation.</summary>
    public bool TryGetCached(ReadOnlySpan<char> application, ReadOnlySpan<char> environment, bool explain, Caller caller,
        out ResolvedDocument document)
        => TryGetCached(application, environment, explain, caller, out _, out document);

    /// <summary>The cached document for this caller with its application's id (what a waiter waits on), if there is one.</summary>
    public bool TryGetCached(ReadOnlySpan<char> application, ReadOnlySpan<char> environment, bool explain, Caller caller,
        out Guid applicationId, out ResolvedDocument document)
    {
        document = null!;
        return cache.TryGetId(application, out applicationId) && caller.CanClientRead(applicationId, environment)
               && cache.TryGet(new CacheKeyLookup(applicationId, environment, explain, caller.SecretViewOn(applicationId)), out document);
    }

    /// <summary>The newest document resolved before, for serving through a database outage to a caller already allowed.</summary>
    public bool TryGetLastKnownGood(string application, string environment, bool explain, Caller caller, out ResolvedDocument document)
    {
        document = null!;
        return cache.TryGetId(application, out var id) && caller.CanClientRead(id, environment)
               && cache.TryGetLastKnownGood(new CacheKey(id, environment.ToLowerInvariant(), explain, caller.SecretViewOn(id)), out document);
    }

    /// <summary>Every resolved key in ordinal order with its source, values as stored (secrets sealed); for the admin views.</summary>
    public async Task<(Guid ApplicationId, IReadOnlyList<ResolvedValue> Values)> ResolveStoredAsync(string application, string environment,
        CancellationToken ct = default)
    {
        var appId = await FindIdAsync(application, environment, ct);
        return (appId, await ResolveAsync(appId, environment.ToLowerInvariant(), ct));
    }

    /// <summary>A stored value as a client of that view sees it: opened, masked, or null (left out).</summary>
    public string? Show(ResolvedValue value, SecretView view) =>
        !value.IsSecret ? value.Value
        : view switch { SecretView.Clear => secrets.Open(true, value.Value), SecretView.Masked => SecretMask.Apply(true, value.Value), _ => null };

    /// <summary>The application's id by name (ignoring case), remembered unless a rename or delete raced the lookup.</summary>
    private async Task<Guid> FindIdAsync(string application, string environment, CancellationToken ct)
    {
        // A name outside the grammar cannot exist: answer without asking the database (which may not take it).
        if (Environments.EnvironmentInputValidator.CheckName(environment.ToLowerInvariant()) is not null)
            throw new NotFoundException("Environment", environment);
        if (!ApplicationInputValidator.IsValidName(application)) throw new NotFoundException("Application", application);
        if (cache.TryGetId(application, out var known)) return known;

        var stamp = cache.NamesStamp();
        var normalized = Application.Normalize(application);
        await using var db = await factory.CreateAsync(ct);
        var id = await db.Applications.AsNoTracking().Where(a => a.NormalizedName == normalized)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Application", application);
        cache.RememberName(normalized, id, stamp);
        return id;
    }

    private async Task<IReadOnlyList<ResolvedValue>> ResolveAsync(Guid appId, string environment, CancellationToken ct)
    {
        await using var db = await factory.CreateAsync(ct);
        var envId = await db.Environments.AsNoTracking().Where(e => e.Name == environment)
            .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Environment", environment);

        var rows = await db.Configs.AsNoTracking()
            .Where(c => c.ApplicationId == appId)
            .Select(c => new
            {
                c.Key, c.ValueType, c.DefaultValue, c.IsSecret,
                Override = c.Overrides.Where(o => o.EnvironmentId == envId).Select(o => o.Value).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // No rows can also mean the application was deleted after its id was looked up: that is a 404, not {}.
        if (rows.Count == 0 && !await db.Applications.AnyAsync(a => a.Id == appId, ct)) throw new NotFoundException("Application", appId.ToString());

        return rows
            .Where(r => r.Override is not null || r.DefaultValue is not null)
            .Select(r => r.Override is not null
                ? new ResolvedValue(r.Key, r.ValueType, r.Override, environment, r.IsSecret)
                : new ResolvedValue(r.Key, r.ValueType, r.DefaultValue!, "default", r.IsSecret))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The document a client of this view gets for these stored values: flat, or explained with each key's source.</summary>
    public ResolvedDocument ToDocument(IReadOnlyList<ResolvedValue> values, bool explain, SecretView view)
    {
        values = Flags.FlagGrouping.Group(values);
        var buffer = new ArrayBufferWriter<byte>(256 + values.Count * 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var v in values)
            {
                if (Show(v, view) is not { } shown) continue;
                // A masked secret is the string "***" whatever its type.
                var type = v.IsSecret && view == SecretView.Masked ? ConfigValueType.String : v.Type;
                writer.WritePropertyName(v.Key);
                if (explain)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("value");
                    ConfigValues.Write(writer, type, shown);
                    writer.WriteString("source", v.Source);
                    writer.WriteEndObject();
                }
                else
                {
                    ConfigValues.Write(writer, type, shown);
                }
            }
            writer.WriteEndObject();
        }
        return new ResolvedDocument(buffer.WrittenSpan.ToArray(), view == SecretView.Clear && values.Any(v => v.IsSecret));
    }
}
