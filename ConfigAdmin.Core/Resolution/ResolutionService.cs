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
        var key = KeyOf(application, environment, explain);
        if (cache.TryGet(key, out var cached)) return cached;

        var stamp = cache.Begin(key.Application);
        var values = await ResolveAsync(application, environment, ct);
        var document = ToDocument(values, explain);
        cache.Store(key, document, stamp);
        return document;
    }

    /// <summary>The cached document, if there is one: no database, no allocation beyond the key.</summary>
    public bool TryGetCached(string application, string environment, bool explain, out ResolvedDocument document) =>
        cache.TryGet(KeyOf(application, environment, explain), out document);

    /// <summary>The newest document resolved before, for serving through a database outage.</summary>
    public bool TryGetLastKnownGood(string application, string environment, bool explain, out ResolvedDocument document) =>
        cache.TryGetLastKnownGood(KeyOf(application, environment, explain), out document);

    /// <summary>Application names ignore case; environment names are lower-case.</summary>
    private static CacheKey KeyOf(string application, string environment, bool explain) =>
        new(Application.Normalize(application), environment.ToLowerInvariant(), explain);

    /// <summary>Every resolved key in ordinal order, with its source; straight from the database.</summary>
    public async Task<IReadOnlyList<ResolvedValue>> ResolveAsync(string application, string environment, CancellationToken ct = default)
    {
        environment = environment.ToLowerInvariant();
        // A name outside the grammar cannot exist: answer without asking the database (which may not take it).
        if (Environments.EnvironmentInputValidator.CheckName(environment) is not null) throw new NotFoundException("Environment", environment);
        if (!ApplicationInputValidator.IsValidName(application)) throw new NotFoundException("Application", application);
        await using var db = await factory.CreateAsync(ct);
        var normalized = Application.Normalize(application);
        var appId = await db.Applications.AsNoTracking().Where(a => a.NormalizedName == normalized)
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Application", application);
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
