using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Environments;

/// <summary>How any feature finds environments in a unit of work.</summary>
public static class EnvironmentLookups
{
    /// <summary>The tracked environment named <paramref name="name"/> (lower-case by rule), or a 404.</summary>
    public static async Task<ConfigEnvironment> FindEnvironmentAsync(this IConfigAdminDb db, string name, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        return await db.Environments.FirstOrDefaultAsync(e => e.Name == lower, ct) ?? throw new NotFoundException("Environment", name);
    }

    /// <summary>
    /// Tracks the (few) environments so overrides get their <c>Environment</c> by fix-up. Including them in key
    /// queries instead makes SQLite materialize every override joined to its environment. Once per unit of work: a
    /// write's steps (load, plan, assess) each ask, and the environments it creates or deletes are tracked anyway.
    /// </summary>
    public static async Task LoadEnvironmentsAsync(this IConfigAdminDb db, CancellationToken ct)
    {
        if (db.EnvironmentsLoaded) return;
        await db.Environments.LoadAsync(ct);
        db.EnvironmentsLoaded = true;
    }

    /// <summary>An environment among those <see cref="LoadEnvironmentsAsync"/> tracked, or a 404.</summary>
    public static ConfigEnvironment FindLoadedEnvironment(this IConfigAdminDb db, string name)
    {
        var lower = name.ToLowerInvariant();
        return db.Tracked<ConfigEnvironment>().FirstOrDefault(e => e.Name == lower) ?? throw new NotFoundException("Environment", name);
    }

    /// <summary>The environments <see cref="LoadEnvironmentsAsync"/> tracked, in their display order.</summary>
    public static IReadOnlyList<ConfigEnvironment> LoadedEnvironments(this IConfigAdminDb db) =>
        db.Tracked<ConfigEnvironment>().OrderBy(e => e.SortOrder).ThenBy(e => e.Name).ToList();

    /// <summary>
    /// The environments <see cref="LoadEnvironmentsAsync"/> tracked, by id: for a loop over overrides, which must not ask
    /// <c>DbSet.Local</c> once per override (each time a scan of every tracked entity).
    /// </summary>
    public static IReadOnlyDictionary<Guid, ConfigEnvironment> LoadedEnvironmentsById(this IConfigAdminDb db) =>
        db.Tracked<ConfigEnvironment>().ToDictionary(e => e.Id);

    /// <summary>The names of the environments <see cref="LoadEnvironmentsAsync"/> tracked, taken once for a loop over keys.</summary>
    public static IReadOnlySet<string> LoadedEnvironmentNames(this IConfigAdminDb db) =>
        db.Tracked<ConfigEnvironment>().Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The environments <see cref="LoadEnvironmentsAsync"/> tracked that <paramref name="names"/> names (a write's protected ones).</summary>
    public static IReadOnlyList<ConfigEnvironment> LoadedEnvironmentsNamed(this IConfigAdminDb db, IReadOnlyCollection<string> names) =>
        db.Tracked<ConfigEnvironment>().Where(e => names.Contains(e.Name)).ToList();
}
