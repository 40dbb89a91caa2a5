using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Environments;

/// <summary>Environments, global to the deployment: names never change and one in use cannot be deleted.</summary>
public sealed class EnvironmentService(
    IConfigAdminDbFactory factory,
    IValidator<EnvironmentInput> validator,
    IValidator<IPaged> pageValidator,
    AuditRecorder audit,
    ChangeFeed changes,
    ChangeContext context,
    TimeProvider time)
{
    private const string Kind = "Environment";

    /// <summary>The names every deployment has after its first start.</summary>
    public static readonly EnvironmentInput[] Defaults =
    [
        new("development", "Local and shared development.", 10),
        new("staging", "Pre-production, production-like.", 20),
        new("production", "What users run.", 30),
    ];

    /// <summary>The largest sort order allowed.</summary>
    public const int MaxSortOrder = 1_000_000;

    /// <summary>A sort order after every existing environment, in the steps of ten the defaults use.</summary>
    public static int SortOrderAfter(IEnumerable<int> existing) =>
        Math.Min(existing.DefaultIfEmpty(0).Max() / 10 * 10 + 10, MaxSortOrder);

    /// <summary>One page of environments in sort order; the override counts cover only the applications the caller may see.</summary>
    public async Task<PagedResult<EnvironmentDto>> ListAsync(PageRequest page, CancellationToken ct = default)
    {
        context.Caller.EnsureAdminSurface();
        await pageValidator.CheckAsync(page, ct);
        await using var db = await factory.CreateAsync(ct);
        var total = await db.Environments.CountAsync(ct);
        var items = await Project(db, db.Environments.OrderBy(e => e.SortOrder).ThenBy(e => e.Name).PageOf(page))
            .ToListAsync(ct);
        return PagedResult<EnvironmentDto>.Of(items, page, total);
    }

    /// <summary>Every environment in sort order (there are few).</summary>
    public async Task<IReadOnlyList<EnvironmentDto>> AllAsync(CancellationToken ct = default) =>
        (await ListAsync(new PageRequest(1, PageRequest.MaxPageSize), ct)).Items;

    /// <summary>One environment by its (lower-case) name.</summary>
    public async Task<EnvironmentDto> GetAsync(string name, CancellationToken ct = default)
    {
        context.Caller.EnsureAdminSurface();
        await using var db = await factory.CreateAsync(ct);
        var lower = name.ToLowerInvariant();
        return await Project(db, db.Environments.Where(e => e.Name == lower)).FirstOrDefaultAsync(ct)
               ?? throw new NotFoundException(Kind, name);
    }

    /// <summary>Creates an environment; its name must be free.</summary>
    public async Task<EnvironmentDto> CreateAsync(EnvironmentInput input, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Creating environments");
        await validator.CheckAsync(input, ct);
        var env = await Writes.RunAsync(factory, null, async db =>
        {
            if (await db.Environments.AnyAsync(e => e.Name == input.Name, ct))
                throw new ConflictException(ErrorCodes.NameTaken, $"An environment named '{input.Name}' already exists.");
            var sortOrder = input.SortOrder ?? SortOrderAfter(await db.Environments.Select(e => e.SortOrder).ToListAsync(ct));
            var env = new ConfigEnvironment
            {
                Name = input.Name!, Description = Writes.EmptyToNull(input.Description), SortOrder = sortOrder,
                RequiredApprovals = input.RequiredApprovals ?? 0,
            };
            Writes.Stamp(env, time);
            db.Environments.Add(env);
            audit.Record(db, AuditAction.Created, AuditEntityType.Environment, new AuditSubject(Environment: env.Name), null, AuditSnapshots.Of(env));
            // A new environment changes no stored document: nothing could be cached for a name that did not exist.
            await db.SaveChangesAsync(ct);
            return env;
        }, ct);
        return Dto(env, 0);
    }

    /// <summary>Replaces description and sort order; the name in the body must be the environment's own.</summary>
    public async Task<EnvironmentDto> UpdateAsync(string name, EnvironmentInput input, long? expectedVersion, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Changing environments");
        var lower = name.ToLowerInvariant();
        input = input with { Name = input.Name ?? lower };
        await validator.CheckAsync(input, ct);
        if (input.Name != lower) throw ValidatorExtensions.Invalid("name", "An environment's name never changes: clients use it. Create a new environment instead.");
        return await Writes.RunAsync(factory, expectedVersion, async db =>
        {
            var env = await db.FindEnvironmentAsync(lower, ct);
            Writes.CheckVersion(env, expectedVersion, Kind, env.Name);
            var before = AuditSnapshots.Of(env);
            env.Description = Writes.EmptyToNull(input.Description);
            // PUT replaces every field: an omitted sort order is cleared. Omitted required approvals stay: an edit of the
            // description must never lift a protection.
            env.SortOrder = input.SortOrder ?? 0;
            env.RequiredApprovals = input.RequiredApprovals ?? env.RequiredApprovals;
            var count = await db.Overrides.CountAsync(o => o.EnvironmentId == env.Id, ct);
            if (AuditSnapshots.Of(env) == before) return Dto(env, count);
            Writes.Touch(env, time);
            audit.Record(db, AuditAction.Updated, AuditEntityType.Environment, new AuditSubject(Environment: env.Name), before, AuditSnapshots.Of(env));
            await db.SaveChangesAsync(ct);
            return Dto(env, count);
        }, ct);
    }

    /// <summary>Which keys have an override in the environment (the first <paramref name="max"/>, by application and key).</summary>
    public async Task<EnvironmentUsage> UsageAsync(string name, int max = 20, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Seeing which keys use an environment");
        await using var db = await factory.CreateAsync(ct);
        var env = await db.FindEnvironmentAsync(name, ct);
        var overrides = db.Overrides.Where(o => o.EnvironmentId == env.Id);
        var keys = await overrides
            .Select(o => new { Application = o.Config!.Application!.Name, o.Config.Key })
            .OrderBy(k => k.Application).ThenBy(k => k.Key).Take(max)
            .ToListAsync(ct);
        return new EnvironmentUsage(await overrides.CountAsync(ct),
            keys.Select(k => new EnvironmentUsage.KeyRef(k.Application, k.Key)).ToList());
    }

    /// <summary>Deletes an environment no override uses; otherwise a conflict that says how many do.</summary>
    public async Task DeleteAsync(string name, long? expectedVersion, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Deleting environments");
        await Writes.RunAsync(factory, expectedVersion, async db =>
        {
            var env = await db.FindEnvironmentAsync(name, ct);
            Writes.CheckVersion(env, expectedVersion, Kind, env.Name);
            var inUse = await db.Overrides.CountAsync(o => o.EnvironmentId == env.Id, ct);
            if (inUse > 0) throw InUse(env.Name, inUse);
            // Its documents (every application's defaults) would vanish: a protected environment is unprotected first, on the record.
            if (env.RequiredApprovals > 0)
                throw new Reviews.ApprovalRequiredException("", [env.Name],
                    $"Environment '{env.Name}' is protected ({env.RequiredApprovals} approval{(env.RequiredApprovals == 1 ? "" : "s")}): set its required approvals to 0 before deleting it.");
            audit.Record(db, AuditAction.Deleted, AuditEntityType.Environment, new AuditSubject(Environment: env.Name), AuditSnapshots.Of(env), null);
            db.Environments.Remove(env);
            await changes.CommitAsync(db, ConfigChange.EnvironmentDeleted(env.Name), ct);
            return true;
        }, ct);
    }

    /// <summary>Creates whichever default environments are missing (first start).</summary>
    public async Task EnsureDefaultsAsync(CancellationToken ct = default)
    {
        foreach (var input in Defaults)
        {
            await using var db = await factory.CreateAsync(ct);
            if (await db.Environments.AnyAsync(e => e.Name == input.Name, ct)) continue;
            try
            {
                await CreateAsync(input, ct);
            }
            catch (ConflictException)
            {
                // Another instance created it at the same moment: the goal is reached.
            }
        }
    }

    private static ConflictException InUse(string name, int count) =>
        new(ErrorCodes.EnvironmentInUse,
            $"Environment '{name}' is still used by {count} override{(count == 1 ? "" : "s")}; remove them first.");

    /// <summary>As the caller sees them: overrides counted in the applications they may see only (no probing of others' keys).</summary>
    private IQueryable<EnvironmentDto> Project(IConfigAdminDb db, IQueryable<ConfigEnvironment> envs)
    {
        var readable = context.Caller.ReadableApplications();
        var overrides = readable is null ? db.Overrides : db.Overrides.Where(o => readable.Contains(o.Config!.ApplicationId));
        return envs.Select(e => new EnvironmentDto(e.Name, e.Description, e.SortOrder, e.CreatedAt, e.UpdatedAt, e.Version,
            overrides.Count(o => o.EnvironmentId == e.Id), e.RequiredApprovals));
    }

    private static EnvironmentDto Dto(ConfigEnvironment e, int count) =>
        new(e.Name, e.Description, e.SortOrder, e.CreatedAt, e.UpdatedAt, e.Version, count, e.RequiredApprovals);
}
