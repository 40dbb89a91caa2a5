using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// The past of an application's keys, rebuilt from their revisions: the resolved configuration at a moment, a key's
/// revisions, reverting one change, restoring an application to a moment. Going back is always a new change.
/// </summary>
public sealed class HistoryService(
    IConfigAdminDbFactory factory,
    ChangeContext context,
    WritePipeline pipeline,
    SecretValues secrets,
    ResolutionService resolution,
    RevisionsAt revisionsAt,
    FluentValidation.IValidator<ConfigQuery> queryValidator,
    FluentValidation.IValidator<ChangeQuery> changeQueryValidator,
    TimeProvider time)
{
    private Caller Caller => context.Caller;

    /// <summary>The client read at a moment: the document then, with the ETag it had then (equal content, equal ETag).</summary>
    public async Task<ResolvedDocument> DocumentAtAsync(string application, string environment, bool explain, string? at, Caller caller,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, ct);
        var view = caller.EnsureCanClientRead(app.Id, application, environment);
        var env = await db.FindEnvironmentAsync(environment, ct);
        // Stored values, as the live read resolves them: the document decrypts only what its view shows in clear.
        var values = (await revisionsAt.GetAsync(db, app, Moments.Parse(at, time), ct))
            .Select(r => r.OverrideValues().TryGetValue(env.Name, out var o) ? (r, Value: o, Source: env.Name) : (r, Value: r.DefaultValue, Source: "default"))
            .Where(x => x.Value is not null)
            .Select(x => new ResolvedValue(x.r.Key, x.r.ValueType, x.Value!, x.Source, x.r.IsSecret))
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .ToList();
        return resolution.ToDocument(values, explain, view);
    }

    /// <summary>The application's keys as they were at a moment, masked as admin reads are.</summary>
    public async Task<PagedResult<ConfigDto>> KeysAtAsync(ConfigQuery query, string? at, CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        await queryValidator.CheckAsync(query, ct);
        if (string.IsNullOrEmpty(query.Application)) throw ValidatorExtensions.Invalid("application", "'application' is required with 'at'.");
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(query.Application, Caller, AppPermission.Read, ct);
        var moment = Moments.Parse(at, time);
        var revisions = await revisionsAt.GetAsync(db, app, moment, ct);
        var search = query.Search?.Trim();
        var matching = revisions
            .Where(r => string.IsNullOrEmpty(search) || r.Key.Contains(search, StringComparison.OrdinalIgnoreCase)
                        || (r.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false))
            .OrderBy(r => r.Key.ToUpperInvariant(), StringComparer.Ordinal)
            .ToList();
        var items = matching.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).Select(r =>
        {
            string? Mask(string? v) => SecretMask.Apply(r.IsSecret, v);
            var overrides = r.OverrideValues()
                .Where(o => string.IsNullOrEmpty(query.Environment) || o.Key == query.Environment.ToLowerInvariant())
                .ToDictionary(o => o.Key, o => Mask(o.Value)!);
            return new ConfigDto(r.ConfigId, app.Name, r.Key, r.ValueType, Mask(r.DefaultValue), r.Description, r.IsSecret, overrides,
                r.KeyCreatedAt, r.ChangedAt, r.Version, r.Schema);
        }).ToList();
        return PagedResult<ConfigDto>.Of(items, query, matching.Count);
    }

    /// <summary>A key's revisions, newest first (a deleted key's too, by its id).</summary>
    public async Task<IReadOnlyList<RevisionDto>> RevisionsAsync(Guid configId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var revisions = await db.Revisions.AsNoTracking().Where(r => r.ConfigId == configId).OrderByDescending(r => r.Id).ToListAsync(ct);
        if (revisions.Count == 0 || !Caller.Can(AppPermission.Read, revisions[0].ApplicationId)) throw new NotFoundException("Config", configId.ToString());
        return revisions.Select(Shown).ToList();
    }

    /// <summary>
    /// An application's changes to keys, newest first, each with the key's state before and after (a deleted key's too).
    /// The first revision of a key from before revisions were kept is where history starts, not a change.
    /// </summary>
    public async Task<PagedResult<KeyChangeDto>> ChangesAsync(string application, ChangeQuery query, CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        await changeQueryValidator.CheckAsync(query, ct);
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        var revisions = db.Revisions.AsNoTracking().Where(r => r.ApplicationId == app.Id);
        if (!string.IsNullOrEmpty(query.Key))
        {
            var key = query.Key.ToUpperInvariant();
            var named = db.Revisions.Where(r => r.ApplicationId == app.Id && r.Key.ToUpper() == key).Select(r => r.ConfigId);
            revisions = revisions.Where(r => named.Contains(r.ConfigId));
        }
        var (total, afterIds) = query.Environment is { } environment
            ? await ChangePages.OfEnvironmentAsync(revisions, environment.ToLowerInvariant(), query, ct)
            : await ChangePages.AllAsync(revisions, query, ct);
        var page = await ChangePages.WithBeforeAsync(db.Revisions, afterIds, ct);
        return PagedResult<KeyChangeDto>.Of(page.Select(c => new KeyChangeDto(c.After.ConfigId, c.Before is null ? null : Shown(c.Before), Shown(c.After)))
            .ToList(), query, total);
    }

    /// <summary>
    /// An environment's resolved configuration at a moment beside now, key by key (a key followed through renames):
    /// what the History tab shows. Secret values are compared in clear and shown masked.
    /// </summary>
    public async Task<IReadOnlyList<MomentItem>> CompareToNowAsync(string application, string environment, string? at,
        CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        var env = (await db.FindEnvironmentAsync(environment, ct)).Name;
        var then = (await StateAtAsync(db, app, Moments.Parse(at, time), ct)).ToDictionary(k => k.Id);
        var now = (await db.Configs.AsNoTracking().Include(c => c.Overrides).ThenInclude(o => o.Environment)
                .Where(c => c.ApplicationId == app.Id).ToListAsync(ct))
            .Select(c => KeyState.Of(c, secrets)).ToDictionary(k => k.Id);
        return then.Keys.Union(now.Keys)
            .Select(id => Compare(then.GetValueOrDefault(id), now.GetValueOrDefault(id), env))
            .OfType<MomentItem>()
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static MomentItem? Compare(KeyState? then, KeyState? now, string environment)
    {
        var (was, @is) = (then?.ResolvedIn(environment), now?.ResolvedIn(environment));
        if (was is null && @is is null) return null;
        var key = (now ?? then)!;
        var renamed = then is not null && now is not null && then.Key != now.Key ? then.Key : null;
        var schemaChanged = then is not null && now is not null && then.Schema != now.Schema;
        var status = was is null ? MomentItem.Statuses.Added
            : @is is null ? MomentItem.Statuses.Removed
            : was == @is && renamed is null && then!.ValueType == now!.ValueType && !schemaChanged ? MomentItem.Statuses.Same
            : MomentItem.Statuses.Changed;
        var secret = key.SecretBeside(then);
        return new MomentItem(key.Key, status, SecretMask.Apply(secret, was), SecretMask.Apply(secret, @is), secret, key.ValueType, renamed,
            schemaChanged);
    }

    private static RevisionDto Shown(ConfigRevision r)
    {
        string? Mask(string? v) => SecretMask.Apply(r.IsSecret, v);
        return new RevisionDto(r.Id, r.ChangedAt, r.Deleted, r.Key, r.ValueType, Mask(r.DefaultValue), r.Description, r.IsSecret,
            r.OverrideValues().ToDictionary(o => o.Key, o => Mask(o.Value)!), r.Version, r.Schema);
    }

    /// <summary>
    /// Reverts one change: its key goes back to the state before that revision (absent, if the change created it).
    /// With <paramref name="changeRequest"/> the revert is filed as a change request instead.
    /// </summary>
    public async Task<ChangeSetDiff> RevertAsync(Guid configId, long revisionId, bool dryRun, CancellationToken ct = default,
        string? changeRequest = null) =>
        (await pipeline.RunAsync(WriteRequest.For(dryRun, changeRequest), async db =>
        {
            var revision = await db.Revisions.AsNoTracking().FirstOrDefaultAsync(r => r.ConfigId == configId && r.Id == revisionId, ct);
            if (revision is null || !Caller.Can(AppPermission.Read, revision.ApplicationId)) throw new NotFoundException("Revision", $"{configId}/{revisionId}");
            // A deleted application's history stays readable, but nothing can be brought back into it.
            var app = await db.Applications.FirstOrDefaultAsync(a => a.Id == revision.ApplicationId, ct)
                      ?? throw new ConflictException(ErrorCodes.ApplicationDeleted,
                          $"The application of revision {revisionId} was deleted: its history stays readable, but it cannot be reverted.");
            Caller.Ensure(AppPermission.Edit, app, app.Name);
            await db.LoadEnvironmentsAsync(ct);
            var previous = await db.Revisions.AsNoTracking().Where(r => r.ConfigId == configId && r.Id < revisionId)
                .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var target = previous is null || previous.Deleted ? null : Existing(db.LoadedEnvironmentNames(), KeyState.Of(previous, secrets));
            var current = await db.Configs.Include(c => c.Overrides).FirstOrDefaultAsync(c => c.Id == configId, ct);
            return Plan(app, current is null ? [] : [current], target is null ? [] : [target], null);
        }, ct)).Answer();

    /// <summary>
    /// Restores an application to a moment, in one transaction recorded as new changes. Without environments: keys,
    /// defaults and overrides exactly (keys created since are deleted, keys deleted since come back); with them, only
    /// those environments' overrides of the keys that exist now. With a change request title it is filed instead.
    /// </summary>
    public async Task<ChangeSetDiff> RestoreAsync(string application, RestoreInput input, CancellationToken ct = default) =>
        (await pipeline.RunAsync(WriteRequest.For(input.DryRun, input.ChangeRequest), async db =>
        {
            var app = await db.FindApplicationAsync(application, Caller, AppPermission.Edit, ct);
            var moment = Moments.Parse(input.At, time);
            await db.LoadEnvironmentsAsync(ct);
            var environments = input.Environments?.Select(e => db.FindLoadedEnvironment(e).Name).Distinct().ToList();
            var names = db.LoadedEnvironmentNames();
            var then = (await StateAtAsync(db, app, moment, ct)).Select(k => Existing(names, k)).ToList();
            var now = await db.Configs.Include(c => c.Overrides).Where(c => c.ApplicationId == app.Id).ToListAsync(ct);
            return Plan(app, now, then, environments);
        }, ct)).Answer();

    /// <summary>
    /// The change that brings <paramref name="now"/> to <paramref name="then"/>: every key, or (with environments) only
    /// those environments' overrides of keys that exist now.
    /// </summary>
    private ChangeSet Plan(Application app, IReadOnlyList<ConfigKey> now, IReadOnlyList<KeyState> then, IReadOnlyList<string>? environments)
    {
        var targets = then.ToDictionary(t => t.Id);
        var currents = now.ToDictionary(c => c.Id, c => KeyState.Of(c, secrets));
        if (environments is not null)
        {
            targets = currents.ToDictionary(c => c.Key, c => c.Value with
            {
                Overrides = c.Value.Overrides.Where(o => !environments.Contains(o.Key))
                    .Concat(targets.TryGetValue(c.Key, out var t) ? t.Overrides.Where(o => environments.Contains(o.Key)) : [])
                    .ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
            });
        }
        var set = new ChangeSet(app) { Preview = Diff(currents, targets, environments), StoredValues = true };
        set.Steps.AddRange(now.Select(c => new KeyStep(c, currents[c.Id], targets.GetValueOrDefault(c.Id))));
        set.Steps.AddRange(targets.Values.Where(t => !currents.ContainsKey(t.Id)).Select(t => new KeyStep(null, null, t)));
        return set;
    }

    private static ChangeSetDiff Diff(Dictionary<Guid, KeyState> currents, Dictionary<Guid, KeyState> targets, IReadOnlyList<string>? environments)
    {
        var diff = new DiffBuilder();
        foreach (var (id, current) in currents)
        {
            if (!targets.TryGetValue(id, out var target)) diff.Removed(current.Key);
            else if (current.SameAs(target)) diff.Unchanged(current.Key);
            else if (environments is null)
                diff.Changed(new DiffChange(current.Key, current.Shown(current.SecretBeside(target)), target.Shown(current.SecretBeside(target))));
            else
            {
                foreach (var env in environments)
                {
                    var from = current.Overrides.GetValueOrDefault(env);
                    var to = target.Overrides.GetValueOrDefault(env);
                    var secret = current.SecretBeside(target);
                    if (from != to) diff.Changed(new DiffChange(current.Key, SecretMask.Apply(secret, from), SecretMask.Apply(secret, to), env));
                }
            }
        }
        foreach (var target in targets.Values.Where(t => !currents.ContainsKey(t.Id))) diff.Added(target.Key);
        return diff.Build();
    }

    /// <summary>The state of each key that existed at the moment.</summary>
    private async Task<IReadOnlyList<KeyState>> StateAtAsync(IConfigAdminDb db, Application app, DateTime moment, CancellationToken ct) =>
        (await revisionsAt.GetAsync(db, app, moment, ct)).Select(r => KeyState.Of(r, secrets)).ToList();

    /// <summary>A state whose overrides name environments that still exist (one deleted since cannot be brought back).</summary>
    private static KeyState Existing(IReadOnlySet<string> environments, KeyState state) => state with
    {
        Overrides = state.Overrides.Where(o => environments.Contains(o.Key)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
    };
}
