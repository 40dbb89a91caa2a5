using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Core.Configs;

/// <summary>
/// Keys and their overrides: every change checked against the caller's rights, validated against the key's type,
/// audited and versioned. Secret values are stored encrypted and handled in clear only in memory.
/// </summary>
public sealed class ConfigService(
    IConfigAdminDbFactory factory,
    IValidator<ConfigCreateInput> createValidator,
    IValidator<ConfigUpdateInput> updateValidator,
    IValidator<ConfigQuery> queryValidator,
    ConfigAuditor audit,
    ChangeFeed changes,
    ChangeContext context,
    SecretValues secrets,
    RevisionRecorder revisions,
    TimeProvider time)
{
    private const string Kind = "Config";

    private Caller Caller => context.Caller;

    /// <summary>One page of the keys the caller may see, with their overrides; secret values masked.</summary>
    public async Task<PagedResult<ConfigDto>> ListAsync(ConfigQuery query, CancellationToken ct = default)
    {
        Caller.EnsureAdminSurface();
        await queryValidator.CheckAsync(query, ct);
        await using var db = await factory.CreateAsync(ct);
        var configs = db.Configs.AsQueryable();
        if (!string.IsNullOrEmpty(query.Application))
        {
            var app = await db.FindApplicationAsync(query.Application, Caller, AppPermission.Read, ct);
            configs = configs.Where(c => c.ApplicationId == app.Id);
        }
        else if (Caller.ReadableApplications() is { } readable)
        {
            configs = configs.Where(c => readable.Contains(c.ApplicationId));
        }
        await db.LoadEnvironmentsAsync(ct);
        Guid? envId = string.IsNullOrEmpty(query.Environment) ? null : db.FindLoadedEnvironment(query.Environment).Id;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim().ToUpperInvariant();
            configs = configs.Where(c => c.NormalizedKey.Contains(s) || (c.Description != null && c.Description.ToUpper().Contains(s)));
        }
        var total = await configs.CountAsync(ct);
        var page = await configs.OrderBy(c => c.Application!.NormalizedName).ThenBy(c => c.NormalizedKey)
            .PageOf(query)
            .Include(c => c.Application).Include(c => c.Overrides)
            .ToListAsync(ct);
        return PagedResult<ConfigDto>.Of(page.Select(c => c.ToDto(onlyEnvironment: envId)).ToList(), query, total);
    }

    /// <summary>One key with its overrides, secret values masked.</summary>
    public async Task<ConfigDto> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        return (await LoadAsync(db, id, ct)).ToDto();
    }

    /// <summary>One key with its values in clear: needs the editor role, and revealing a secret is audited.</summary>
    public Task<ConfigDto> RevealAsync(Guid id, CancellationToken ct = default) =>
        Writes.RunAsync(factory, null, async db =>
        {
            var config = await LoadAsync(db, id, ct);
            EnsureCanEdit(config);
            if (config.IsSecret)
            {
                audit.RecordRevealed(db, config.Application!, config.Key, environment: null);
                await db.SaveChangesAsync(ct);
            }
            return config.ToDto(reveal: secrets);
        }, ct);

    /// <summary>Creates a key and its overrides: one audit entry for the key and one per override.</summary>
    public async Task<ConfigDto> CreateAsync(ConfigCreateInput input, CancellationToken ct = default)
    {
        await createValidator.CheckAsync(input, ct);
        var created = await Writes.RunAsync(factory, null, async db =>
        {
            var app = await db.FindApplicationAsync(input.Application!, Caller, AppPermission.Edit, ct);
            await EnsureKeyFreeAsync(db, app.Id, input.Key!, null, ct);
            var config = new ConfigKey { ApplicationId = app.Id, Application = app };
            config.Apply(input.Key!, input.ValueType!.Value, secrets.Seal(input.IsSecret, input.DefaultValue), input.Description, input.IsSecret);
            Writes.Stamp(config, time);
            var overrides = new List<(string, string)>();
            if (input.Overrides is { Count: > 0 }) await db.LoadEnvironmentsAsync(ct);
            foreach (var (envName, value) in input.Overrides ?? new Dictionary<string, string?>())
            {
                var env = db.FindLoadedEnvironment(envName);
                config.Overrides.Add(new ConfigOverride
                {
                    EnvironmentId = env.Id, Environment = env, Value = secrets.Seal(input.IsSecret, value)!, UpdatedAt = config.UpdatedAt,
                });
                overrides.Add((env.Name, value!));
            }
            db.Configs.Add(config);
            TouchApplication(app);
            audit.RecordCreated(db, app, config, overrides);
            revisions.Record(db, config, created: true);
            await changes.CommitAsync(db, ConfigChange.Values(app.Id), ct);
            return config;
        }, ct);
        return created.ToDto();
    }

    /// <summary>
    /// Replaces a key's own fields; a type change re-checks every override. "***" keeps the stored default when the
    /// key was secret before this write; anywhere else it is an ordinary value, checked against the type.
    /// </summary>
    public async Task<ConfigDto> UpdateAsync(Guid id, ConfigUpdateInput input, long? expectedVersion, CancellationToken ct = default)
    {
        await updateValidator.CheckAsync(input, ct);
        var config = await Writes.RunAsync(factory, expectedVersion, async db =>
        {
            var config = await LoadAsync(db, id, ct);
            EnsureCanEdit(config);
            Writes.CheckVersion(config, expectedVersion, Kind, config.Key);
            // Compared, checked and audited in clear (the audit masks secrets); stored sealed.
            var before = config.Copy(defaultValue: secrets.Open(config.IsSecret, config.DefaultValue));
            var defaultValue = KeepsSecret(before, before.DefaultValue, input.DefaultValue) ? before.DefaultValue : input.DefaultValue;
            // The validator let "***" through; taken literally, it is checked against the type like any value.
            if (defaultValue == SecretMask.Text && ConfigRules.CheckValue(input.ValueType!.Value, defaultValue) is { } error)
                throw ValidatorExtensions.Invalid("defaultValue", $"'Default Value' {error}");
            var after = before.Copy();
            after.Apply(input.Key!, input.ValueType!.Value, defaultValue, input.Description, input.IsSecret);
            if (before.SameFields(after)) return config;
            if (after.NormalizedKey != before.NormalizedKey) await EnsureKeyFreeAsync(db, config.ApplicationId, after.Key, config.Id, ct);
            if (after.ValueType != before.ValueType) RecheckStoredValues(after, config.Overrides, before.IsSecret);

            var storedDefault = defaultValue == before.DefaultValue && after.IsSecret == before.IsSecret
                ? config.DefaultValue : secrets.Seal(after.IsSecret, defaultValue);
            if (after.IsSecret != before.IsSecret)
            {
                foreach (var o in config.Overrides) o.Value = secrets.Seal(after.IsSecret, secrets.Open(before.IsSecret, o.Value))!;
            }
            config.Apply(after.Key, after.ValueType, storedDefault, after.Description, after.IsSecret);
            Writes.Touch(config, time);
            audit.RecordUpdated(db, config.Application!, before, after);
            revisions.Record(db, config);
            await changes.CommitAsync(db, ConfigChange.Values(config.ApplicationId), ct);
            return config;
        }, ct);
        return config.ToDto();
    }

    /// <summary>Deletes a key and its overrides.</summary>
    public async Task DeleteAsync(Guid id, long? expectedVersion, CancellationToken ct = default)
    {
        await Writes.RunAsync(factory, expectedVersion, async db =>
        {
            var config = await LoadAsync(db, id, ct);
            EnsureCanEdit(config);
            Writes.CheckVersion(config, expectedVersion, Kind, config.Key);
            audit.RecordDeleted(db, config.Application!, config);
            revisions.RecordDeleted(db, config);
            db.Configs.Remove(config);
            TouchApplication(config.Application!);
            await changes.CommitAsync(db, ConfigChange.Values(config.ApplicationId), ct);
            return true;
        }, ct);
    }

    /// <summary>Sets one environment's value; the key gets a new version.</summary>
    public Task<ConfigDto> SetOverrideAsync(Guid id, string environment, string? value, long? expectedVersion,
        CancellationToken ct = default)
    {
        if (value is null) throw ValidatorExtensions.Invalid("value", "'Value' must not be null; delete the override to inherit the default.");
        return ChangeOverrideAsync(id, environment, expectedVersion, (config, env, existing) =>
        {
            var before = secrets.Open(config.IsSecret, existing?.Value);
            if (before == value || KeepsSecret(config, before, value)) return null;
            if (ConfigRules.CheckValue(config.ValueType, value) is { } error) throw ValidatorExtensions.Invalid("value", $"'Value' {error}");
            var stored = secrets.Seal(config.IsSecret, value)!;
            if (existing is null)
                config.Overrides.Add(new ConfigOverride { EnvironmentId = env.Id, Environment = env, Value = stored, UpdatedAt = Now });
            else
            {
                existing.Value = stored;
                existing.UpdatedAt = Now;
            }
            return (before, value);
        }, ct);
    }

    /// <summary>Removes one environment's value so it inherits the default again.</summary>
    public Task<ConfigDto> RemoveOverrideAsync(Guid id, string environment, long? expectedVersion, CancellationToken ct = default) =>
        ChangeOverrideAsync(id, environment, expectedVersion, (config, env, existing) =>
        {
            if (existing is null) throw new NotFoundException("Override", $"{config.Key}/{env.Name}");
            config.Overrides.Remove(existing);
            return (secrets.Open(config.IsSecret, existing.Value), null);
        }, ct);

    /// <summary>How many keys the caller may see.</summary>
    public async Task<int> CountAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateAsync(ct);
        var configs = db.Configs.AsQueryable();
        if (Caller.ReadableApplications() is { } readable) configs = configs.Where(c => readable.Contains(c.ApplicationId));
        return await configs.CountAsync(ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>"***" sent for a value that is secret and stored means "unchanged": an admin read shows it masked.</summary>
    private static bool KeepsSecret(ConfigKey stored, string? storedValue, string? sent) =>
        stored.IsSecret && storedValue is not null && sent == SecretMask.Text;

    private delegate (string? Before, string? After)? OverrideChange(ConfigKey config, ConfigEnvironment env, ConfigOverride? existing);

    private async Task<ConfigDto> ChangeOverrideAsync(Guid id, string environment, long? expectedVersion, OverrideChange change,
        CancellationToken ct)
    {
        var config = await Writes.RunAsync(factory, expectedVersion, async db =>
        {
            var config = await LoadAsync(db, id, ct);
            EnsureCanEdit(config);
            Writes.CheckVersion(config, expectedVersion, Kind, config.Key);
            var env = db.FindLoadedEnvironment(environment);
            var result = change(config, env, config.Overrides.FirstOrDefault(o => o.EnvironmentId == env.Id));
            if (result is not { } values) return config;
            Writes.Touch(config, time);
            audit.RecordOverride(db, config.Application!, config, env.Name, values.Before, values.After, config.IsSecret);
            revisions.Record(db, config);
            await changes.CommitAsync(db, ConfigChange.Values(config.ApplicationId, env.Name), ct);
            return config;
        }, ct);
        return config.ToDto();
    }

    /// <summary>A key the caller may see, with its application and overrides; one outside their applications is a 404.</summary>
    private async Task<ConfigKey> LoadAsync(IConfigAdminDb db, Guid id, CancellationToken ct)
    {
        await db.LoadEnvironmentsAsync(ct);
        var config = await db.Configs.Include(c => c.Application).Include(c => c.Overrides).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (config is null || !Caller.Can(AppPermission.Read, config.ApplicationId)) throw new NotFoundException(Kind, id.ToString());
        return config;
    }

    /// <summary>Changing a key the caller can see (so a refusal may name its application) needs the editor role on it.</summary>
    private void EnsureCanEdit(ConfigKey config) => Caller.Ensure(AppPermission.Edit, config.Application!, config.Application!.Name);

    /// <summary>
    /// A key created or deleted changes the application (its key count), and the version bump makes a racing
    /// application delete retry and see the key, so no key vanishes by cascade without its audit entry.
    /// </summary>
    private void TouchApplication(Application app) => Writes.Touch(app, time);

    private static async Task EnsureKeyFreeAsync(IConfigAdminDb db, Guid appId, string key, Guid? self, CancellationToken ct)
    {
        var normalized = key.ToUpperInvariant();
        if (await db.Configs.AnyAsync(c => c.ApplicationId == appId && c.NormalizedKey == normalized && c.Id != self, ct))
            throw new ConflictException(ErrorCodes.NameTaken, $"The application already has a key '{key}' (keys ignore case).");
    }

    /// <summary>After a type change: every override, and a kept default, must parse as the new type (checked in clear).</summary>
    private void RecheckStoredValues(ConfigKey after, IEnumerable<ConfigOverride> overrides, bool storedSecret)
    {
        var failures = overrides
            .Select(o => (o.Environment!.Name, Error: ConfigRules.CheckValue(after.ValueType, secrets.Open(storedSecret, o.Value))))
            .Where(x => x.Error is not null)
            .Select(x => new FluentValidation.Results.ValidationFailure($"overrides.{x.Name}",
                $"The {x.Name} override {x.Error} Change or remove it before changing the type."))
            .ToList();
        if (ConfigRules.CheckValue(after.ValueType, after.DefaultValue) is { } error)
            failures.Add(new FluentValidation.Results.ValidationFailure("defaultValue", $"The stored default {error}"));
        if (failures.Count > 0) throw new ValidationException(failures);
    }
}
