using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Transfer;

/// <summary>An exported file: its text, Content-Type and a file name to save it under.</summary>
public sealed record ExportedFile(string Content, string MediaType, string FileName);

/// <summary>
/// How to import a file: its format, into which environment's overrides (none: as defaults), merge or replace, dry run.
/// With <c>KeepSecrets</c>, replace leaves secret keys and their values alone when the file does not mention them (a
/// file written without secrets, such as the text mode's, then round-trips). With <c>ChangeRequest</c> (a title) the
/// import is filed as a change request instead of applied.
/// </summary>
public sealed record ImportRequest(string? Format, string? Environment = null, string? Mode = null, bool DryRun = false, bool KeepSecrets = false,
    string? ChangeRequest = null);

/// <summary>One layer of an application as a file (its defaults, or one environment's overrides) and the secret keys left out of it.</summary>
public sealed record LayerFile(ExportedFile File, IReadOnlyList<string> SecretKeys);

/// <summary>
/// Export and import (design §10): an environment's resolved configuration in any format, or the whole application in
/// the round-trippable configadmin format. Imports validate every value as any write does and apply in one
/// transaction with the usual audit entries and revisions, or only answer the diff.
/// </summary>
public sealed class TransferService(
    IConfigAdminDbFactory factory, ChangeContext context, WritePipeline pipeline, SecretValues secrets, ResolutionService resolution,
    ConfigAuditor audit)
{
    private const string Merge = "merge", Replace = "replace";

    private Caller Caller => context.Caller;

    /// <summary>
    /// Secret values are left out unless <paramref name="includeSecrets"/>, which needs the editor role and writes a
    /// <c>revealed</c> audit entry per secret key the file carries.
    /// </summary>
    public async Task<ExportedFile> ExportAsync(string application, string? environment, string? format, bool includeSecrets,
        CancellationToken ct = default)
    {
        var file = TransferFormats.Get(format ?? TransferFormats.Json.Name);
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, includeSecrets ? AppPermission.Edit : AppPermission.Read, ct);

        if (file is ConfigAdminFormat whole)
        {
            var transfer = await WholeAsync(db, app, ct);
            if (includeSecrets) await RecordRevealedAsync(app, transfer.Keys.Where(k => k.IsSecret).Select(k => k.Key), null, ct);
            return new ExportedFile(whole.Write(transfer, includeSecrets), whole.MediaType, app.Name + whole.FileExtension);
        }
        if (string.IsNullOrWhiteSpace(environment))
            throw ValidatorExtensions.Invalid("environment", $"Say which environment to export as {file.Name}, e.g. ?environment=production.");
        var (_, stored) = await resolution.ResolveStoredAsync(app.Name, environment, ct);
        var values = Flags.FlagGrouping.Group(stored);
        var exported = values.Where(v => includeSecrets || !v.IsSecret)
            .Select(v => new TransferValue(v.Key, v.Type, secrets.Open(v.IsSecret, v.Value)!));
        if (includeSecrets) await RecordRevealedAsync(app, values.Where(v => v.IsSecret).Select(v => v.Key), environment.ToLowerInvariant(), ct);
        var flat = (IEnvironmentFormat)file;
        return new ExportedFile(flat.Write(exported), flat.MediaType, $"{app.Name}.{environment.ToLowerInvariant()}{flat.FileExtension}");
    }

    /// <summary>
    /// The whole application as the text mode edits it: the configadmin format with a key per line
    /// (<see cref="ConfigAdminFormat.WriteKeyPerLine"/>), no secret values.
    /// </summary>
    public async Task<string> ExportTextAsync(string application, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        return TransferFormats.ConfigAdmin.WriteKeyPerLine(await WholeAsync(db, app, ct));
    }

    /// <summary>Every key of the application with its overrides (secret values still sealed; the format leaves them out unless asked).</summary>
    private async Task<ApplicationTransfer> WholeAsync(IConfigAdminDb db, Application app, CancellationToken ct)
    {
        await db.LoadEnvironmentsAsync(ct);
        var keys = await db.Configs.AsNoTracking().Include(c => c.Overrides).Where(c => c.ApplicationId == app.Id).ToListAsync(ct);
        var environments = db.LoadedEnvironmentsById();
        foreach (var o in keys.SelectMany(k => k.Overrides)) o.Environment = environments[o.EnvironmentId];
        return new ApplicationTransfer(app.Name, app.Description, app.Owner, app.ContactEmail,
            keys.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => KeyState.Of(k, secrets))
                .Select(k => new KeyTransfer(k.Key, k.ValueType, k.Description, k.IsSecret, k.DefaultValue, k.Overrides, Schema: k.Schema)).ToList());
    }

    /// <summary>Secret values that leave in clear are audited, one entry per key, as a reveal is.</summary>
    private async Task RecordRevealedAsync(Application app, IEnumerable<string> keys, string? environment, CancellationToken ct)
    {
        var revealed = keys.ToList();
        if (revealed.Count == 0) return;
        await Writes.RunAsync(factory, null, async db =>
        {
            foreach (var key in revealed) audit.RecordRevealed(db, app, key, environment);
            return await db.SaveChangesAsync(ct);
        }, ct);
    }

    /// <summary>
    /// The application's defaults (no environment) or one environment's overrides, as a file of an environment format:
    /// the text mode's starting point. Secret keys are left out and named, so no secret value leaves the service.
    /// </summary>
    public async Task<LayerFile> ExportLayerAsync(string application, string? environment, string? format, CancellationToken ct = default)
    {
        if (TransferFormats.Get(format ?? TransferFormats.Json.Name) is not IEnvironmentFormat file)
            throw ValidatorExtensions.Invalid("format", "A layer is written in an environment format: json, flat, env, yaml or properties.");
        await using var db = await factory.CreateAsync(ct);
        var app = await db.FindApplicationAsync(application, Caller, AppPermission.Read, ct);
        await db.LoadEnvironmentsAsync(ct);
        var env = string.IsNullOrEmpty(environment) ? null : db.FindLoadedEnvironment(environment);
        var keys = await db.Configs.AsNoTracking().Include(c => c.Overrides).Where(c => c.ApplicationId == app.Id).ToListAsync(ct);
        var layer = keys
            .Select(k => (k.Key, k.ValueType, k.IsSecret,
                Value: env is null ? k.DefaultValue : k.Overrides.FirstOrDefault(o => o.EnvironmentId == env.Id)?.Value))
            .Where(k => k.Value is not null)
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .ToList();
        var text = file.Write(layer.Where(k => !k.IsSecret).Select(k => new TransferValue(k.Key, k.ValueType, k.Value!)));
        var name = $"{app.Name}.{env?.Name ?? "defaults"}{file.FileExtension}";
        return new LayerFile(new ExportedFile(text, file.MediaType, name), layer.Where(k => k.IsSecret).Select(k => k.Key).ToList());
    }

    /// <summary>Imports a file's values; answers what changed (or would: a dry run stores nothing). A bad file or value stores nothing.</summary>
    public async Task<ChangeSetDiff> ImportAsync(string application, ImportRequest request, byte[] body, CancellationToken ct = default) =>
        (await pipeline.RunAsync(WriteRequest.For(request.DryRun, request.ChangeRequest), async db =>
        {
            var app = await db.FindApplicationAsync(application, Caller, AppPermission.Edit, ct);
            var mode = (request.Mode ?? Merge).ToLowerInvariant();
            if (mode is not (Merge or Replace)) throw ValidatorExtensions.Invalid("mode", "'mode' must be merge or replace.");
            var format = TransferFormats.Get(request.Format);
            var text = TransferText.Decode(body, format.Name);
            await db.LoadEnvironmentsAsync(ct);
            var keys = await db.Configs.Include(c => c.Overrides).Where(c => c.ApplicationId == app.Id).ToListAsync(ct);
            var plan = new ImportPlan(keys.Select(k => (k, KeyState.Of(k, secrets))).ToList());

            string? environment = null;
            if (format is ConfigAdminFormat whole)
            {
                if (!string.IsNullOrEmpty(request.Environment))
                    throw ValidatorExtensions.Invalid("environment", "A configadmin file holds every environment: import it without 'environment'.");
                PlanWhole(db, plan, whole.Read(text), mode == Replace, request.KeepSecrets);
            }
            else
            {
                var jsonKeys = keys.Where(k => k.ValueType == ConfigValueType.Json).Select(k => k.Key);
                var entries = ((IEnvironmentFormat)format).Read(text, jsonKeys);
                environment = string.IsNullOrEmpty(request.Environment) ? null : db.FindLoadedEnvironment(request.Environment).Name;
                if (environment is null) PlanDefaults(plan, entries, mode == Replace, request.KeepSecrets);
                else PlanOverrides(plan, entries, environment, mode == Replace, request.KeepSecrets);
            }
            var set = new ChangeSet(app) { Preview = plan.Diff(environment) };
            set.Steps.AddRange(plan.Steps.Select(s => new KeyStep(s.Config, s.Now, s.Target)));
            return set;
        }, ct)).Answer();

    /// <summary>As defaults: each key's default becomes the file's value (new keys take the inferred type); replace deletes keys the file lacks.</summary>
    private static void PlanDefaults(ImportPlan plan, IReadOnlyList<TransferValue> entries, bool replace, bool keepSecrets)
    {
        foreach (var entry in entries)
        {
            if (plan.Find(entry.Key) is not { } existing) plan.Add(NewKey(entry.Key, entry.Type, entry.Value, null));
            else if (existing.Now.DefaultValue is { } stored && TransferComparison.SameValue(existing.Now.ValueType, stored, entry.Value)) plan.Keep(existing);
            else plan.Change(existing, existing.Now with { DefaultValue = entry.Value });
        }
        if (replace) plan.RemoveUnmentioned(keepSecrets);
    }

    /// <summary>Into one environment: each key's override there (new keys get no default); replace removes that environment's overrides the file lacks.</summary>
    private static void PlanOverrides(ImportPlan plan, IReadOnlyList<TransferValue> entries, string environment, bool replace, bool keepSecrets)
    {
        foreach (var entry in entries)
        {
            if (plan.Find(entry.Key) is not { } existing) plan.Add(NewKey(entry.Key, entry.Type, null, (environment, entry.Value)));
            else if (existing.Now.Overrides.TryGetValue(environment, out var stored) && TransferComparison.SameValue(existing.Now.ValueType, stored, entry.Value))
                plan.Keep(existing);
            else plan.Change(existing, existing.Now with { Overrides = With(existing.Now.Overrides, environment, entry.Value) });
        }
        if (!replace) return;
        foreach (var unmentioned in plan.Unmentioned(keepSecrets).Where(k => k.Now.Overrides.ContainsKey(environment)))
            plan.Change(unmentioned, unmentioned.Now with { Overrides = Without(unmentioned.Now.Overrides, environment) });
    }

    /// <summary>A whole application: every key's type, description, secret flag, default and overrides (a secret exported without its values keeps them).</summary>
    private static void PlanWhole(IConfigAdminDb db, ImportPlan plan, ApplicationTransfer file, bool replace, bool keepSecrets)
    {
        foreach (var key in file.Keys)
        {
            foreach (var env in key.Overrides.Keys) db.FindLoadedEnvironment(env);
            var existing = plan.Find(key.Key);
            var target = new KeyState(existing?.Now.Id ?? Guid.CreateVersion7(), existing?.Now.Key ?? key.Key, key.ValueType,
                key.ValuesOmitted ? existing?.Now.DefaultValue : key.DefaultValue, key.Description, key.IsSecret,
                key.ValuesOmitted ? existing?.Now.Overrides ?? new Dictionary<string, string>() : key.Overrides, key.Schema);
            if (existing is null) plan.Add(target);
            else if (existing.Now.SameAs(target)) plan.Keep(existing);
            else plan.Change(existing, target);
        }
        if (replace) plan.RemoveUnmentioned(keepSecrets);
    }

    private static KeyState NewKey(string key, ConfigValueType type, string? defaultValue, (string Env, string Value)? over) =>
        new(Guid.CreateVersion7(), key, type, defaultValue, null, false,
            over is { } o ? new Dictionary<string, string> { [o.Env] = o.Value } : new Dictionary<string, string>(), null);

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> overrides, string env, string value) =>
        new(overrides, StringComparer.Ordinal) { [env] = value };

    private static Dictionary<string, string> Without(IReadOnlyDictionary<string, string> overrides, string env) =>
        overrides.Where(o => o.Key != env).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);

    /// <summary>What an import does to each key: add, change, keep, delete — checked whole before anything is stored.</summary>
    private sealed class ImportPlan(List<(ConfigKey Config, KeyState Now)> keys)
    {
        public sealed record Existing(ConfigKey Config, KeyState Now);

        private readonly Dictionary<string, Existing> _byName = keys.ToDictionary(k => k.Now.Key.ToUpperInvariant(), k => new Existing(k.Config, k.Now));
        private readonly HashSet<string> _mentioned = [];
        private readonly List<(ConfigKey? Config, KeyState? Now, KeyState? Target)> _steps = [];
        private readonly List<string> _kept = [];

        public IEnumerable<(ConfigKey? Config, KeyState? Now, KeyState? Target)> Steps => _steps;

        public Existing? Find(string key)
        {
            var name = key.ToUpperInvariant();
            if (!_mentioned.Add(name)) throw ValidatorExtensions.Invalid(key, $"'{key}' appears twice in the file (keys ignore case).");
            return _byName.GetValueOrDefault(name);
        }

        public void Add(KeyState target) => _steps.Add((null, null, target));
        public void Change(Existing key, KeyState target) => _steps.Add((key.Config, key.Now, target));
        public void Keep(Existing key) => _kept.Add(key.Now.Key);

        public IEnumerable<Existing> Unmentioned(bool keepSecrets) =>
            _byName.Where(k => !_mentioned.Contains(k.Key) && !(keepSecrets && k.Value.Now.IsSecret)).Select(k => k.Value);

        public void RemoveUnmentioned(bool keepSecrets)
        {
            foreach (var key in Unmentioned(keepSecrets).ToList()) _steps.Add((key.Config, key.Now, null));
        }

        public ChangeSetDiff Diff(string? environment)
        {
            var diff = new DiffBuilder();
            foreach (var kept in _kept) diff.Unchanged(kept);
            foreach (var (_, now, target) in _steps)
            {
                if (now is null)
                {
                    diff.Added(target!.Key);
                    continue;
                }
                if (target is null)
                {
                    diff.Removed(now.Key);
                    continue;
                }
                var secret = now.SecretBeside(target);
                if (environment is not null && !target.Overrides.ContainsKey(environment) && now.Overrides.ContainsKey(environment)) diff.Removed(now.Key);
                else if (environment is not null)
                    diff.Changed(new DiffChange(now.Key, SecretMask.Apply(secret, now.Overrides.GetValueOrDefault(environment)),
                        SecretMask.Apply(secret, target.Overrides.GetValueOrDefault(environment)), environment));
                else if (now.ValueType == target.ValueType && now.Description == target.Description && now.IsSecret == target.IsSecret
                         && now.Schema == target.Schema && now.Overrides.Count == target.Overrides.Count && now.Overrides.All(o => target.Overrides.GetValueOrDefault(o.Key) == o.Value))
                    diff.Changed(new DiffChange(now.Key, SecretMask.Apply(secret, now.DefaultValue), SecretMask.Apply(secret, target.DefaultValue)));
                else diff.Changed(new DiffChange(now.Key, now.Shown(secret), target.Shown(secret)));
            }
            return diff.Build();
        }
    }
}
