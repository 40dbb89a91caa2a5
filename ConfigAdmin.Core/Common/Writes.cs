namespace ConfigAdmin.Core.Common;

/// <summary>How the services run a write: one unit of work, optimistic concurrency, one retry policy.</summary>
public static class Writes
{
    private const int Attempts = 25;

    /// <summary>
    /// Runs <paramref name="write"/> in a fresh unit of work. Without an expected version the caller means
    /// "the current version", so a lost race is retried on fresh state; with one, the race is a 412.
    /// </summary>
    public static async Task<T> RunAsync<T>(IConfigAdminDbFactory factory, long? expectedVersion,
        Func<IConfigAdminDb, Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var turn = await factory.EnterWriteAsync(ct);
                await using var db = await factory.CreateAsync(ct);
                await db.OpenAsync(ct);
                return await write(db);
            }
            catch (ConcurrentWriteException) when (expectedVersion is null && attempt < Attempts)
            {
            }
            // Writers racing on one row: back off a little, at random, so they stop colliding. The write turn and
            // the unit of work are released before waiting.
            await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), ct);
        }
    }

    /// <summary>Refuses the write when the caller's version is not the stored one.</summary>
    public static void CheckVersion(IVersioned entity, long? expected, string kind, string name)
    {
        if (expected is { } v && v != entity.Version) throw new StaleVersionException(kind, name, v, entity.Version);
    }

    /// <summary>Marks a row changed now; the context bumps its version on save.</summary>
    public static void Touch(IVersioned entity, TimeProvider time) => entity.UpdatedAt = time.GetUtcNow().UtcDateTime;

    public static void Stamp(IVersioned entity, TimeProvider time) =>
        entity.CreatedAt = entity.UpdatedAt = time.GetUtcNow().UtcDateTime;

    public static string? EmptyToNull(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
