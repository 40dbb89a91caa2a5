using System.Text.Json;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Flags;

/// <summary>
/// Feature flags of an application (design §13). A flag is a key of type flag; every change is a <c>setFlag</c> or
/// <c>deleteFlag</c> operation through the write pipeline, so it is authorized, validated, guarded, audited and
/// versioned as keys are (ADR 0022).
/// </summary>
public sealed class FlagService(IConfigAdminDbFactory factory, ChangeContext context, WritePipeline pipeline, OperationPlanner planner)
{
    private const string Kind = "Flag";

    private Caller Caller => context.Caller;

    /// <summary>Every flag of the application with its definitions per environment, ordered by id (ignoring case).</summary>
    public async Task<FlagOverview> OverviewAsync(string application, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        await db.LoadEnvironmentsAsync(ct);
        var rows = await FlagRows(db, app.Id).ToListAsync(ct);
        var environments = db.LoadedEnvironmentsById();
        return new FlagOverview(rows.Select(r => Summary(r, environments)).OrderBy(f => f.Id, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Id, StringComparer.Ordinal).ToList());
    }

    /// <summary>The flags defined in one environment, as its clients read them.</summary>
    public async Task<FlagList> ListAsync(string application, string environment, CancellationToken ct = default)
    {
        var overview = await OverviewAsync(application, ct);
        var env = await EnvironmentNameAsync(environment, ct);
        return new FlagList(env, overview.Items.Where(f => f.Environments.ContainsKey(env)).Select(f => f.Environments[env]).ToList());
    }

    /// <summary>One flag's definition in one environment; a flag not defined there is a 404.</summary>
    public async Task<FlagDefinition> GetAsync(string application, string id, string environment, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        await db.LoadEnvironmentsAsync(ct);
        var env = db.FindLoadedEnvironment(environment).Name;
        if (FeatureFlags.CheckId(id) is not null) throw new NotFoundException(Kind, id);
        var row = await FindAsync(db, app.Id, id, ct) ?? throw new NotFoundException(Kind, id);
        var summary = Summary(row, db.LoadedEnvironmentsById());
        return summary.Environments.TryGetValue(env, out var flag)
            ? new FlagDefinition(summary.Id, env, flag, row.Version)
            : throw new NotFoundException(Kind, summary.Id, $"in {env}");
    }

    /// <summary>
    /// Defines or replaces the flag in one environment (Created is true when it had no definition there). The body's
    /// <c>id</c>, when given, must be the route's.
    /// </summary>
    public async Task<(FlagDefinition Flag, bool Created)> PutAsync(string application, string id, string environment, JsonElement flag,
        long? expectedVersion, CancellationToken ct = default)
    {
        if (FeatureFlags.CheckId(id) is { } idError) throw ValidatorExtensions.Invalid("id", idError);
        CheckBody(id, flag);
        var created = false;
        var result = await pipeline.RunAsync(new WriteRequest(expectedVersion), async db =>
        {
            var app = await db.FindApplicationAsync(application, Caller, AppPermission.Edit, ct);
            await db.LoadEnvironmentsAsync(ct);
            var env = db.FindLoadedEnvironment(environment).Name;
            var row = await FindAsync(db, app.Id, id, ct);
            if (row is not null) Writes.CheckVersion(row, expectedVersion, Kind, id);
            else if (expectedVersion is { } v) throw new StaleVersionException(Kind, id, v, 0);
            created = row is null || row.Overrides.All(o => o.EnvironmentId != db.FindLoadedEnvironment(env).Id);
            return await planner.PlanAsync(db, app, [ChangeOperation.SetFlagIn(id, env, flag)], ct, describe: Describe);
        }, ct);
        return (await StoredAsync(result, application, id, environment, ct), created);
    }

    /// <summary>Removes the flag's definition in one environment (the flag goes with its last one), or the whole flag without one.</summary>
    public async Task DeleteAsync(string application, string id, string? environment, long? expectedVersion, CancellationToken ct = default)
    {
        if (FeatureFlags.CheckId(id) is not null) throw new NotFoundException(Kind, id);
        await pipeline.RunAsync(new WriteRequest(expectedVersion), async db =>
        {
            var app = await db.FindApplicationAsync(application, Caller, AppPermission.Edit, ct);
            await db.LoadEnvironmentsAsync(ct);
            var env = string.IsNullOrEmpty(environment) ? null : db.FindLoadedEnvironment(environment).Name;
            var row = await FindAsync(db, app.Id, id, ct) ?? throw new NotFoundException(Kind, id);
            Writes.CheckVersion(row, expectedVersion, Kind, id);
            return await planner.PlanAsync(db, app, [ChangeOperation.DeleteFlagIn(id, env)], ct, describe: Describe);
        }, ct);
    }

    /// <summary>A body that is no object, or names another flag, is refused before anything is planned.</summary>
    private static void CheckBody(string id, JsonElement flag)
    {
        if (flag.ValueKind != JsonValueKind.Object)
            throw new InvalidFlagException([new FlagViolation(id, null, "", "The flag must be a JSON object.")]);
        foreach (var p in flag.EnumerateObject())
        {
            if (!p.Name.Equals("id", StringComparison.OrdinalIgnoreCase)) continue;
            if (p.Value.ValueKind != JsonValueKind.String || !string.Equals(p.Value.GetString(), id, StringComparison.OrdinalIgnoreCase))
                throw new InvalidFlagException([new FlagViolation(id, null, "/" + p.Name, $"'id' must be the route's flag id, '{id}' (or left out).")]);
        }
    }

    private async Task<FlagDefinition> StoredAsync(WriteResult result, string application, string id, string environment, CancellationToken ct)
    {
        if (result.Set.Stored.Values.FirstOrDefault() is { } stored)
        {
            await using var db = await factory.CreateAsync(ct);
            await db.LoadEnvironmentsAsync(ct);
            var env = db.FindLoadedEnvironment(environment).Name;
            var row = await db.Configs.AsNoTracking().Include(c => c.Overrides).FirstAsync(c => c.Id == stored.Id, ct);
            var summary = Summary(row, db.LoadedEnvironmentsById());
            return new FlagDefinition(summary.Id, env, summary.Environments[env], row.Version);
        }
        return await GetAsync(application, id, environment, ct);
    }

    private async Task<string> EnvironmentNameAsync(string environment, CancellationToken ct)
    {
        await using var db = await factory.CreateAsync(ct);
        return (await db.FindEnvironmentAsync(environment, ct)).Name;
    }

    private static IQueryable<ConfigKey> FlagRows(IConfigAdminDb db, Guid application) =>
        db.Configs.AsNoTracking().Include(c => c.Overrides).Where(c => c.ApplicationId == application && c.ValueType == ConfigValueType.Flag);

    private static Task<ConfigKey?> FindAsync(IConfigAdminDb db, Guid application, string id, CancellationToken ct)
    {
        var normalized = FeatureFlags.KeyOf(id).ToUpperInvariant();
        return db.Configs.Include(c => c.Overrides)
            .FirstOrDefaultAsync(c => c.ApplicationId == application && c.NormalizedKey == normalized && c.ValueType == ConfigValueType.Flag, ct);
    }

    /// <summary>A flag row as its definitions per environment (<paramref name="environments"/>: the loaded ones, by id).</summary>
    private static FlagSummary Summary(ConfigKey row, IReadOnlyDictionary<Guid, ConfigEnvironment> environments) => new(
        FeatureFlags.IdOf(row.Key) ?? row.Key, row.Id, row.Version,
        row.Overrides.ToDictionary(o => environments[o.EnvironmentId].Name, o => Parse(o.Value), StringComparer.Ordinal));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static FluentValidation.Results.ValidationFailure Describe(KeyFault fault) => new(fault.Part == KeyPart.Name ? "id" : "flag", fault.Problem);
}
