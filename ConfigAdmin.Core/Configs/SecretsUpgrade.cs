using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Configs;

/// <summary>
/// Milestone-1 databases kept secret values in clear. The first start of this version encrypts them, once, in one
/// transaction with a marker row: a second node starting at the same moment fails on the marker and changes nothing.
/// </summary>
public sealed class SecretsUpgrade(IConfigAdminDbFactory factory, SecretValues secrets, TimeProvider time)
{
    public const string Marker = "secrets-encrypted-v1";

    /// <summary>Encrypts every secret value still in clear; returns how many values, or null when it was done before.</summary>
    public async Task<int?> RunAsync(CancellationToken ct)
    {
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        if (await db.SystemStates.AnyAsync(s => s.Name == Marker, ct)) return null;
        var count = 0;
        foreach (var config in await db.Configs.Include(c => c.Overrides).Where(c => c.IsSecret).ToListAsync(ct))
        {
            if (config.DefaultValue is not null)
            {
                config.DefaultValue = secrets.Seal(true, config.DefaultValue);
                count++;
            }
            foreach (var o in config.Overrides)
            {
                o.Value = secrets.Seal(true, o.Value)!;
                count++;
            }
        }
        db.SystemStates.Add(new SystemState { Name = Marker, Value = $"{count} value(s)", UpdatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        return count;
    }
}
