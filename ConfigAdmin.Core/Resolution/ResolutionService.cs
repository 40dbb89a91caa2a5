using System.Buffers;
using System.Text.Json;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Resolution;

/// <summary>Resolves (application, environment) to the document a client gets, through the cache.</summary>
public sealed class ResolutionService(IConfigAdminDbFactory factory, ResolvedConfigCache cache)
{
    /// <summary>The client read: cached bytes and ETag, computed from the database on a miss.</summary>
    public async Task<ResolvedDocument> GetDocumentAsync(string application, string environment, bool explain,
        CancellationToken ct = default)
    {
        if (cache.TryGet(application, environment, explain, out var cached)) return cached;
        var appId = await FindIdAsync(application, environment, ct);
        var key = new CacheKey(appId, environment.ToLowerInvariant(), explain);
        if (cache.TryGet(key, out cached)) return cached;

        var stamp = cache.Begin(appId);
        var document = ToDocument(await ResolveAsync(appId, key.Environment, ct), explain);
        cache.Store(key, document, stamp);
        return document;
    }

    /// <summary>The cached document, if there is one: no database, no allocation.</summary>
    public bool TryGetCached(ReadOnlySpan<char> application, ReadOnlySpan<char> environment, bool explain, out ResolvedDocument document) =>
        cache.TryGet(application, environment, explain, out document);

    /// <summary>The newest document resolved before, for serving through a database outage.</summary>
    public bool TryGetLastKnownGood(string application, string environment, bool explain, out ResolvedDocument document)
    {
        document = null!;
        return cache.TryGetId(application, out var id)
               && cache.TryGetLastKnownGood(new CacheKey(id, environment.ToLowerInvariant(), explain), out document);
    }

    /// <summary>Every resolved key in ordinal order, with its source; straight from the database.</summary>
    public async Task<IReadOnlyList<ResolvedValue>> ResolveAsync(string application, string environment, CancellationToken ct = default) =>
        await ResolveAsync(await FindIdAsync(application, environment, ct), environment.ToLowerInvariant(), ct);

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

    /// <summary>The document a client gets for these values: flat, or explained with each key's source.</summary>
    public static ResolvedDocument ToDocument(IReadOnlyList<ResolvedValue> values, bool explain) => new(Serialize(values, explain));

    private static byte[] Serialize(IReadOnlyList<ResolvedValue> values, bool explain)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + values.Count * 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var v in values)
            {
                writer.WritePropertyName(v.Key);
                if (explain)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("value");
                    Configs.ConfigValues.Write(writer, v.Type, v.Value);
                    writer.WriteString("source", v.Source);
                    writer.WriteEndObject();
                }
                else
                {
                    Configs.ConfigValues.Write(writer, v.Type, v.Value);
                }
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
