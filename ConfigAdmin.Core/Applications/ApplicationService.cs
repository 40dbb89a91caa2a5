using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Applications;

/// <summary>Applications: list, read, create, update (rename allowed) and delete, each change audited.</summary>
public sealed class ApplicationService(
    IConfigAdminDbFactory factory,
    IValidator<ApplicationInput> validator,
    IValidator<ApplicationQuery> queryValidator,
    AuditRecorder audit,
    ChangeContext context,
    WritePipeline pipeline,
    SecretValues secrets,
    TimeProvider time)
{
    private const string Kind = "Application";

    private Caller Caller => context.Caller;

    /// <summary>One page of applications matching the search, in the requested order.</summary>
    public async Task<PagedResult<ApplicationDto>> ListAsync(ApplicationQuery query, CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        await queryValidator.CheckAsync(query, ct);
        await using var db = await factory.CreateAsync(ct);
        var apps = Readable(db.Applications.AsNoTracking());
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim().ToUpperInvariant();
            apps = apps.Where(a => a.NormalizedName.Contains(s) || a.Owner.ToUpper().Contains(s)
                                   || (a.Description != null && a.Description.ToUpper().Contains(s)));
        }
        var total = await apps.CountAsync(ct);
        var page = await Sort(apps, query.Sort).PageOf(query)
            .Select(ToDto).ToListAsync(ct);
        return PagedResult<ApplicationDto>.Of(page, query, total);
    }

    /// <summary>One application by name, ignoring case; one outside the caller's applications is a 404.</summary>
    public async Task<ApplicationDto> GetAsync(string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var normalized = Application.Normalize(name);
        return await Readable(db.Applications.AsNoTracking()).Where(a => a.NormalizedName == normalized).Select(ToDto)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException(Kind, name);
    }

    /// <summary>
    /// The caller's role on an application, read live (null when none covers it or it does not exist): what the admin
    /// pages offer. The services still check every write; this only hides controls that would fail.
    /// </summary>
    public async Task<Role?> RoleOnAsync(string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var normalized = Application.Normalize(name);
        var id = await db.Applications.AsNoTracking().Where(a => a.NormalizedName == normalized).Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(ct);
        return id is { } known ? Caller.RoleOn(known) : null;
    }

    /// <summary>The id of an application the caller may see (null when none by that name): what live pages follow changes by.</summary>
    public async Task<Guid?> IdOfAsync(string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var normalized = Application.Normalize(name);
        return await Readable(db.Applications.AsNoTracking()).Where(a => a.NormalizedName == normalized).Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Whether the caller may do <paramref name="permission"/> to the application (false when it does not exist): what pages offer.</summary>
    public async Task<bool> AllowsAsync(string name, AppPermission permission, CancellationToken ct = default) =>
        (await RoleOnAsync(name, ct)).Allows(permission);

    /// <summary>Creates an application; its name must be free ignoring case.</summary>
    public async Task<ApplicationDto> CreateAsync(ApplicationInput input, CancellationToken ct = default)
    {
        Caller.EnsureGlobalAdmin("Creating applications");
        await validator.CheckAsync(input, ct);
        return await Writes.RunAsync(factory, null, async db =>
        {
            await EnsureNameFreeAsync(db, input.Name!, null, ct);
            var app = new Application();
            Apply(app, input);
            Writes.Stamp(app, time);
            db.Applications.Add(app);
            audit.Record(db, AuditAction.Created, AuditEntityType.Application, Subject(app), null, AuditSnapshots.Of(app));
            await db.SaveChangesAsync(ct);
            return Dto(app, 0);
        }, ct);
    }

    /// <summary>
    /// Replaces an application's fields; a new name must be free. A change of nothing stores nothing. A rename moves
    /// every document of the application to the new name, so it passes the write pipeline's guards like any write.
    /// </summary>
    public async Task<ApplicationDto> UpdateAsync(string name, ApplicationInput input, long? expectedVersion,
        CancellationToken ct = default)
    {
        await validator.CheckAsync(input, ct);
        Application? app = null;
        var count = 0;
        await pipeline.RunAsync(new WriteRequest(expectedVersion), async db =>
        {
            app = await db.FindApplicationAsync(name, Caller, AppPermission.Administer, ct);
            Writes.CheckVersion(app, expectedVersion, Kind, app.Name);
            count = await db.Configs.CountAsync(c => c.ApplicationId == app.Id, ct);
            var before = AuditSnapshots.Of(app);
            var proposed = new Application();
            Apply(proposed, input);
            if (AuditSnapshots.Of(proposed) == before) return new ChangeSet(app) { Right = WriteRight.Administer };
            var renamed = proposed.NormalizedName != app.NormalizedName;
            if (renamed) await EnsureNameFreeAsync(db, input.Name!, app.Id, ct);
            var target = app;
            return new ChangeSet(app)
            {
                Right = WriteRight.Administer,
                MovesDocuments = renamed ? await DocumentDiff.NonEmptyAsync(db, app.Id, ct) : null,
                ApplicationWrite = _ =>
                {
                    Apply(target, input);
                    Writes.Touch(target, time);
                    audit.Record(db, AuditAction.Updated, AuditEntityType.Application, Subject(target), before, AuditSnapshots.Of(target));
                    // Only a rename changes what answers to a name; other fields never reach a client read.
                    return renamed ? ConfigChange.Renamed(target.Id) : null;
                },
            };
        }, ct);
        return Dto(app!, count);
    }

    /// <summary>How many overrides the application's keys have: what deleting it removes besides the keys.</summary>
    public async Task<int> OverrideCountAsync(string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var normalized = Application.Normalize(name);
        var app = await Readable(db.Applications.AsNoTracking()).Where(a => a.NormalizedName == normalized).Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException(Kind, name);
        return await db.Overrides.CountAsync(o => o.Config!.ApplicationId == app, ct);
    }

    /// <summary>Deletes an application and its keys (each through the write pipeline, audited); its audit history stays.</summary>
    public async Task DeleteAsync(string name, long? expectedVersion, CancellationToken ct = default)
    {
        await pipeline.RunAsync(new WriteRequest(expectedVersion), async db =>
        {
            await db.LoadEnvironmentsAsync(ct);
            var app = await db.Applications.Include(a => a.Configs).ThenInclude(c => c.Overrides)
                          .FirstOrDefaultAsync(a => a.NormalizedName == Application.Normalize(name), ct)
                      ?? throw new NotFoundException(Kind, name);
            Caller.Ensure(AppPermission.Administer, app, name);
            Writes.CheckVersion(app, expectedVersion, Kind, app.Name);
            var set = new ChangeSet(app)
            {
                Right = WriteRight.Administer,
                ApplicationWrite = _ =>
                {
                    audit.Record(db, AuditAction.Deleted, AuditEntityType.Application, Subject(app), AuditSnapshots.Of(app), null);
                    db.Applications.Remove(app);
                    return ConfigChange.Deleted(app.Id);
                },
            };
            set.Steps.AddRange(app.Configs.Select(c => new KeyStep(c, KeyState.Of(c, secrets), null)));
            return set;
        }, ct);
    }

    /// <summary>How many applications the caller may see.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        return await Readable(db.Applications).CountAsync(ct);
    }

    /// <summary>Only the applications the caller's roles cover: the others do not exist for them.</summary>
    private IQueryable<Application> Readable(IQueryable<Application> apps) =>
        Caller.ReadableApplications() is { } ids ? apps.Where(a => ids.Contains(a.Id)) : apps;

    private static async Task EnsureNameFreeAsync(IConfigAdminDb db, string name, Guid? self, CancellationToken ct)
    {
        var normalized = Application.Normalize(name);
        if (await db.Applications.AnyAsync(a => a.NormalizedName == normalized && a.Id != self, ct))
            throw new ConflictException(ErrorCodes.NameTaken, $"An application named '{name}' already exists (names ignore case).");
    }

    private static void Apply(Application app, ApplicationInput input)
    {
        app.Name = input.Name!;
        app.Description = Writes.EmptyToNull(input.Description);
        app.Owner = input.Owner!;
        app.ContactEmail = input.ContactEmail!;
    }

    private static AuditSubject Subject(Application app) => new(app.Id, app.Name);

    private static ApplicationDto Dto(Application a, int configCount) =>
        new(a.Name, a.Description, a.Owner, a.ContactEmail, a.CreatedAt, a.UpdatedAt, a.Version, configCount);

    private static readonly System.Linq.Expressions.Expression<Func<Application, ApplicationDto>> ToDto = a =>
        new ApplicationDto(a.Name, a.Description, a.Owner, a.ContactEmail, a.CreatedAt, a.UpdatedAt, a.Version, a.Configs.Count);

    private static IQueryable<Application> Sort(IQueryable<Application> apps, string? sort) => sort switch
    {
        "-name" => apps.OrderByDescending(a => a.NormalizedName),
        "owner" => apps.OrderBy(a => a.Owner).ThenBy(a => a.NormalizedName),
        "-owner" => apps.OrderByDescending(a => a.Owner).ThenBy(a => a.NormalizedName),
        "createdAt" => apps.OrderBy(a => a.CreatedAt).ThenBy(a => a.NormalizedName),
        "-createdAt" => apps.OrderByDescending(a => a.CreatedAt).ThenBy(a => a.NormalizedName),
        "updatedAt" => apps.OrderBy(a => a.UpdatedAt).ThenBy(a => a.NormalizedName),
        "-updatedAt" => apps.OrderByDescending(a => a.UpdatedAt).ThenBy(a => a.NormalizedName),
        _ => apps.OrderBy(a => a.NormalizedName),
    };
}
