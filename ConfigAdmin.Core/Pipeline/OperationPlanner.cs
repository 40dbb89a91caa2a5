using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>
/// Turns operations on keys (by name) into the steps of a <see cref="ChangeSet"/>, each applied to the state the ones
/// before it left: the producer behind every direct key write and every change request. It reads only the keys the
/// operations name.
/// </summary>
public sealed class OperationPlanner(
    SecretValues secrets, IValidator<ConfigCreateInput> createValidator, IValidator<ConfigUpdateInput> updateValidator)
{
    /// <summary>
    /// Plans <paramref name="operations"/> on <paramref name="app"/>'s keys. Shape errors name the field as
    /// <paramref name="fieldPrefix"/> + field (<c>operations[2].value</c>); a key or environment that does not exist is a 404.
    /// <paramref name="loaded"/>: a key the caller tracks already, with its overrides, in this unit of work.
    /// </summary>
    public async Task<ChangeSet> PlanAsync(IConfigAdminDb db, Application app, IReadOnlyList<ChangeOperation> operations,
        CancellationToken ct, Func<int, string>? fieldPrefix = null, Func<KeyFault, ValidationFailure>? describe = null,
        ConfigKey? loaded = null)
    {
        await CheckShapeAsync(app, operations, fieldPrefix, ct);
        await db.LoadEnvironmentsAsync(ct);
        var names = operations.SelectMany(o => new[] { StoredName(o), o.NewKey }).OfType<string>().Select(n => n.ToUpperInvariant()).Distinct().ToList();
        var ids = operations.Where(o => o.Op != ChangeOperation.CreateKey && o.Id is not null).Select(o => o.Id!.Value).Distinct().ToList();
        var keys = OnlyNames(loaded, app, names, ids)
            ? [loaded!]
            : await db.Configs.Include(c => c.Overrides)
                .Where(c => c.ApplicationId == app.Id && (names.Contains(c.NormalizedKey) || ids.Contains(c.Id))).ToListAsync(ct);
        var plan = new Plan(keys.Select(k => new Entry(k, KeyState.Of(k, secrets))).ToList());
        foreach (var op in operations) await ApplyAsync(db, app, plan, op, ct);
        plan.EnsureNamesFree();
        var set = new ChangeSet(app) { Operations = operations, Describe = describe ?? KeyFault.ByKey };
        set.Steps.AddRange(plan.Steps());
        return set;
    }

    private async Task CheckShapeAsync(Application app, IReadOnlyList<ChangeOperation> operations, Func<int, string>? fieldPrefix,
        CancellationToken ct)
    {
        var failures = new List<ValidationFailure>();
        for (var i = 0; i < operations.Count; i++)
        {
            var op = operations[i];
            var prefix = fieldPrefix?.Invoke(i) ?? "";
            ValidationFailure Named(ValidationFailure f) => new(prefix + f.PropertyName, f.ErrorMessage);
            if (op.Op is null || !ChangeOperation.Known.Contains(op.Op))
            {
                failures.Add(new(prefix + "op", $"'op' must be one of {string.Join(", ", ChangeOperation.Known)}."));
                continue;
            }
            if (string.IsNullOrEmpty(op.Key))
            {
                failures.Add(new(prefix + "key", "'key' names the key the operation changes."));
                continue;
            }
            var result = op.Op switch
            {
                ChangeOperation.CreateKey => await createValidator.ValidateAsync(op.AsCreate(app.Name), ct),
                ChangeOperation.UpdateKey => await updateValidator.ValidateAsync(op.AsUpdate(), ct),
                _ => new FluentValidation.Results.ValidationResult(),
            };
            failures.AddRange(result.Errors.Select(Named));
            if (op.Op is ChangeOperation.SetFlag or ChangeOperation.DeleteFlag)
            {
                if (Flags.FeatureFlags.CheckId(op.Key) is { } idError) failures.Add(new(prefix + "key", idError));
                if (op.Op == ChangeOperation.SetFlag && op.Flag is not { ValueKind: System.Text.Json.JsonValueKind.Object })
                    failures.Add(new(prefix + "flag", "'flag' is the flag's definition, a JSON object."));
            }
            if (op.Op is ChangeOperation.SetOverride or ChangeOperation.RemoveOverride or ChangeOperation.SetFlag && string.IsNullOrEmpty(op.Environment))
                failures.Add(new(prefix + "environment", "'environment' names the environment whose value changes."));
            if (op.Op == ChangeOperation.SetOverride && op.Value is null)
                failures.Add(new(prefix + "value", "Value is required; remove the override to inherit the default."));
        }
        if (failures.Count > 0) throw new ValidationException(failures);
    }

    private async Task ApplyAsync(IConfigAdminDb db, Application app, Plan plan, ChangeOperation op, CancellationToken ct)
    {
        switch (op.Op)
        {
            case ChangeOperation.CreateKey:
                if (plan.Find(op.Key!) is not null)
                    throw new ConflictException(ErrorCodes.NameTaken, $"The application already has a key '{op.Key}' (keys ignore case).");
                var overrides = (op.Overrides ?? new Dictionary<string, string?>())
                    .ToDictionary(o => db.FindLoadedEnvironment(o.Key).Name, o => o.Value!, StringComparer.Ordinal);
                var id = op.Id is { } wanted ? await ReturningIdAsync(db, app, wanted, ct) : Guid.CreateVersion7();
                plan.Add(new KeyState(id, op.Key!, op.ValueType!.Value, op.DefaultValue, Writes.EmptyToNull(op.Description), op.IsSecret ?? false,
                    overrides, Compact(op.Schema)));
                break;
            case ChangeOperation.UpdateKey:
            {
                var entry = plan.Get(op);
                var now = entry.Target!;
                var defaultValue = KeepsSecret(now, now.DefaultValue, op.DefaultValue) ? now.DefaultValue : op.DefaultValue;
                entry.Target = now with
                {
                    Key = op.NewKey ?? now.Key, ValueType = op.ValueType!.Value, DefaultValue = defaultValue,
                    Description = Writes.EmptyToNull(op.Description), IsSecret = op.IsSecret ?? false, Schema = Compact(op.Schema),
                };
                break;
            }
            case ChangeOperation.DeleteKey:
                plan.Get(op).Target = null;
                break;
            case ChangeOperation.SetFlag:
                SetFlag(db, plan, op);
                break;
            case ChangeOperation.DeleteFlag:
                DeleteFlag(db, plan, op);
                break;
            case ChangeOperation.SetOverride:
            {
                var entry = plan.Get(op);
                var env = db.FindLoadedEnvironment(op.Environment!).Name;
                var now = entry.Target!;
                var stored = now.Overrides.GetValueOrDefault(env);
                if (KeepsSecret(now, stored, op.Value)) break;
                entry.Target = now with { Overrides = new Dictionary<string, string>(now.Overrides, StringComparer.Ordinal) { [env] = op.Value! } };
                break;
            }
            case ChangeOperation.RemoveOverride:
            {
                var entry = plan.Get(op);
                var env = db.FindLoadedEnvironment(op.Environment!).Name;
                var now = entry.Target!;
                if (!now.Overrides.ContainsKey(env)) throw new NotFoundException("Override", $"{now.Key}/{env}");
                entry.Target = now with
                {
                    Overrides = now.Overrides.Where(o => o.Key != env).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal),
                };
                break;
            }
        }
    }

    /// <summary>A schema as stored: compact, so spacing alone is no change; blank is none; text that is no JSON is left for the schema check.</summary>
    private static string? Compact(string? schema) =>
        string.IsNullOrWhiteSpace(schema) ? null : Schemas.SchemaJson.TryCompact(schema) ?? schema;

    /// <summary>
    /// The operations name only <paramref name="loaded"/>, by its id and its own name: the query would find that row and
    /// no other, so it is not sent (a direct write of one key loaded it a moment ago, in the same unit of work).
    /// </summary>
    private static bool OnlyNames(ConfigKey? loaded, Application app, List<string> names, List<Guid> ids) =>
        loaded is not null && loaded.ApplicationId == app.Id && ids is [var id] && id == loaded.Id
        && names is [var name] && name == loaded.Key.ToUpperInvariant();

    /// <summary>The stored key an operation names: a flag's is <c>feature_management:&lt;id&gt;</c>.</summary>
    private static string? StoredName(ChangeOperation op) =>
        op.Op is ChangeOperation.SetFlag or ChangeOperation.DeleteFlag && op.Key is not null ? Flags.FeatureFlags.KeyOf(op.Key) : op.Key;

    /// <summary>
    /// A flag defined in one environment: the flag is created with that definition when it has none anywhere yet. The
    /// definition is stored in the library's spelling, id included.
    /// </summary>
    private static void SetFlag(IConfigAdminDb db, Plan plan, ChangeOperation op)
    {
        var env = db.FindLoadedEnvironment(op.Environment!).Name;
        var name = Flags.FeatureFlags.KeyOf(op.Key!);
        if (plan.Find(name) is not { } entry)
        {
            plan.Add(new KeyState(Guid.CreateVersion7(), name, ConfigValueType.Flag, null, null, false,
                new Dictionary<string, string>(StringComparer.Ordinal) { [env] = Flags.FlagNormalizer.Normalize(op.Key!, op.Flag!.Value) }, Schema: null));
            return;
        }
        var now = entry.Target!;
        if (now.ValueType != ConfigValueType.Flag) throw new ConflictException(ErrorCodes.NameTaken, $"'{now.Key}' is a key, not a flag.");
        var definition = Flags.FlagNormalizer.Normalize(Flags.FeatureFlags.IdOf(now.Key) ?? op.Key!, op.Flag!.Value);
        entry.Target = now with { Overrides = new Dictionary<string, string>(now.Overrides, StringComparer.Ordinal) { [env] = definition } };
    }

    /// <summary>A flag's definition in one environment removed (the flag goes with its last one), or the whole flag.</summary>
    private static void DeleteFlag(IConfigAdminDb db, Plan plan, ChangeOperation op)
    {
        var entry = plan.Find(Flags.FeatureFlags.KeyOf(op.Key!)) is { Target.ValueType: ConfigValueType.Flag } found
            ? found : throw new NotFoundException("Flag", op.Key!);
        if (op.Environment is null)
        {
            entry.Target = null;
            return;
        }
        var env = db.FindLoadedEnvironment(op.Environment).Name;
        var now = entry.Target!;
        if (!now.Overrides.ContainsKey(env)) throw new NotFoundException("Flag", $"{op.Key}", $"in {env}");
        var rest = now.Overrides.Where(o => o.Key != env).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        entry.Target = rest.Count == 0 ? null : now with { Overrides = rest };
    }

    /// <summary>"***" sent for a value that is secret and stored means "unchanged": an admin read shows it masked.</summary>
    private static bool KeepsSecret(KeyState now, string? stored, string? sent) =>
        now.IsSecret && stored is not null && sent == SecretMask.Text;

    /// <summary>
    /// A deleted key of this application comes back with its id, so its history continues; an id no key ever had is
    /// taken as it is. Any other id is refused, so no write can graft itself onto another key's history.
    /// </summary>
    private static async Task<Guid> ReturningIdAsync(IConfigAdminDb db, Application app, Guid id, CancellationToken ct)
    {
        var last = await db.Revisions.AsNoTracking().Where(r => r.ConfigId == id).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var free = last is null || (last.ApplicationId == app.Id && last.Deleted);
        if (!free || await db.Configs.AnyAsync(c => c.Id == id, ct))
            throw ValidatorExtensions.Invalid("id", "'id' may only name a deleted key of this application (to bring it back with its history) or no key at all.");
        return id;
    }

    private sealed class Entry(ConfigKey? tracked, KeyState? now)
    {
        public ConfigKey? Tracked { get; } = tracked;
        public KeyState? Now { get; } = now;
        public KeyState? Target { get; set; } = now;
    }

    private sealed class Plan(List<Entry> entries)
    {
        public Entry? Find(string name) =>
            entries.FirstOrDefault(e => e.Target is not null && string.Equals(e.Target.Key, name, StringComparison.OrdinalIgnoreCase));

        /// <summary>The key an operation names: by its id when it carries one (operations derived from a bulk change do), else by name.</summary>
        public Entry Get(ChangeOperation op) =>
            (op.Id is { } id ? entries.FirstOrDefault(e => e.Target is not null && e.Target.Id == id) : Find(op.Key!))
            ?? throw new NotFoundException("Config", op.Key!);

        public void Add(KeyState target) => entries.Add(new Entry(null, null) { Target = target });

        /// <summary>Names are checked once all operations ran, so two keys may swap names within one change.</summary>
        public void EnsureNamesFree()
        {
            var clash = entries.Where(e => e.Target is not null).GroupBy(e => e.Target!.Key.ToUpperInvariant()).FirstOrDefault(g => g.Count() > 1);
            if (clash is not null)
                throw new ConflictException(ErrorCodes.NameTaken, $"The application already has a key '{clash.First().Target!.Key}' (keys ignore case).");
        }

        public IEnumerable<KeyStep> Steps() =>
            entries.Where(e => e.Now is not null || e.Target is not null).Select(e => new KeyStep(e.Tracked, e.Now, e.Target)).Where(s => s.Changes);
    }
}
