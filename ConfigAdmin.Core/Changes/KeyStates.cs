using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using FluentValidation;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// Brings tracked keys to a target state inside one unit of work, for the write pipeline (which has checked every value):
/// stored sealed when secret, audited, and recorded as a new revision. Nothing in history is rewritten: going back is a
/// new change.
/// </summary>
public sealed class KeyStates(ConfigAuditor audit, RevisionRecorder revisions, SecretValues secrets, TimeProvider time)
{
    /// <summary>Creates a key in <paramref name="target"/>'s state (with its id, so its history continues).</summary>
    public ConfigKey Create(IConfigAdminDb db, Application app, KeyState target)
    {
        var config = new ConfigKey { Id = target.Id, ApplicationId = app.Id, Application = app };
        config.Apply(target.Key, target.ValueType, secrets.Seal(target.IsSecret, target.DefaultValue), target.Description, target.IsSecret,
            target.Schema);
        Writes.Stamp(config, time);
        foreach (var (env, value) in target.Overrides)
            config.Overrides.Add(new ConfigOverride
            {
                EnvironmentId = Environment(db, env).Id, Environment = Environment(db, env), Value = secrets.Seal(target.IsSecret, value)!,
                UpdatedAt = config.UpdatedAt,
            });
        db.Configs.Add(config);
        Writes.Touch(app, time);
        audit.RecordChange(db, app, null, target);
        revisions.Record(db, config, created: true);
        return config;
    }

    /// <summary>
    /// Changes a key from <paramref name="now"/> (its state before this unit of work touched it) to <paramref name="target"/>
    /// (its key name may change too); false when it already is.
    /// </summary>
    public bool Update(IConfigAdminDb db, Application app, ConfigKey config, KeyState now, KeyState target)
    {
        if (now.SameAs(target)) return false;
        audit.RecordChange(db, app, now, target);
        var sealAgain = now.IsSecret != target.IsSecret;
        var storedDefault = target.DefaultValue == now.DefaultValue && !sealAgain ? config.DefaultValue : secrets.Seal(target.IsSecret, target.DefaultValue);
        config.Apply(target.Key, target.ValueType, storedDefault, target.Description, target.IsSecret, target.Schema);
        foreach (var o in config.Overrides.ToList())
        {
            var env = o.Environment!.Name;
            if (!target.Overrides.TryGetValue(env, out var value))
            {
                config.Overrides.Remove(o);
            }
            else if (value != now.Overrides[env] || sealAgain)
            {
                o.Value = secrets.Seal(target.IsSecret, value)!;
                o.UpdatedAt = time.GetUtcNow().UtcDateTime;
            }
        }
        foreach (var (env, value) in target.Overrides.Where(o => !now.Overrides.ContainsKey(o.Key)))
        {
            var environment = Environment(db, env);
            config.Overrides.Add(new ConfigOverride
            {
                EnvironmentId = environment.Id, Environment = environment, Value = secrets.Seal(target.IsSecret, value)!,
                UpdatedAt = time.GetUtcNow().UtcDateTime,
            });
        }
        Writes.Touch(config, time);
        revisions.Record(db, config);
        return true;
    }

    /// <summary>Deletes a key with its overrides.</summary>
    public void Delete(IConfigAdminDb db, Application app, ConfigKey config)
    {
        audit.RecordChange(db, app, KeyState.Of(config, secrets), null);
        revisions.RecordDeleted(db, config);
        db.Configs.Remove(config);
        Writes.Touch(app, time);
    }

    private static ConfigEnvironment Environment(IConfigAdminDb db, string name) => db.FindLoadedEnvironment(name);
}
