using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Configs;

/// <summary>
/// Audit entries for keys and overrides, for every path that changes keys. Values arrive in clear and leave masked
/// (<see cref="SecretMask"/>): a value is <c>"***"</c> in an entry when its key was secret at either end of the change
/// the entry records, so making a key public never writes its former secret values into the log.
/// </summary>
public sealed class ConfigAuditor(AuditRecorder audit, Webhooks.WebhookOutbox webhooks)
{
    /// <summary>
    /// Every entry of one key going from <paramref name="before"/> to <paramref name="after"/> (null: the key did not
    /// exist, or no longer does), values in clear: its own fields, then each override added, changed or removed.
    /// </summary>
    public void RecordChange(IConfigAdminDb db, Application app, KeyState? before, KeyState? after)
    {
        if (before is null && after is null) return;
        var secret = before?.IsSecret == true || after?.IsSecret == true;
        var subject = new AuditSubject(app.Id, app.Name, (after ?? before)!.Key);
        if (before is null)
        {
            audit.Record(db, AuditAction.Created, AuditEntityType.Config, subject, null, Snapshot(after!, secret));
            foreach (var (env, value) in after!.Overrides) Override(db, subject, env, null, value, secret);
            return;
        }
        if (after is null)
        {
            foreach (var (env, value) in before.Overrides) Override(db, subject, env, value, null, secret);
            audit.Record(db, AuditAction.Deleted, AuditEntityType.Config, subject, Snapshot(before, secret), null);
            return;
        }
        if (!SameFields(before, after))
            audit.Record(db, AuditAction.Updated, AuditEntityType.Config, subject, Snapshot(before, secret), Snapshot(after, secret));
        foreach (var (env, was) in before.Overrides)
        {
            var @is = after.Overrides.GetValueOrDefault(env);
            if (@is != was) Override(db, subject, env, was, @is, secret);
        }
        foreach (var (env, value) in after.Overrides.Where(o => !before.Overrides.ContainsKey(o.Key)))
            Override(db, subject, env, null, value, secret);
    }

    /// <summary>A key created with its overrides (values in clear, or sealed when secret: masked either way).</summary>
    public void RecordCreated(IConfigAdminDb db, Application app, ConfigKey config, IEnumerable<(string Env, string Value)> overrides)
    {
        audit.Record(db, AuditAction.Created, AuditEntityType.Config, Subject(app, config), null, AuditSnapshots.Of(config, config.IsSecret));
        foreach (var (env, value) in overrides) RecordOverride(db, app, config, env, null, value, config.IsSecret);
    }

    /// <summary>A key and each of its overrides deleted (overrides must be loaded with their environments).</summary>
    public void RecordDeleted(IConfigAdminDb db, Application app, ConfigKey config)
    {
        foreach (var o in config.Overrides) RecordOverride(db, app, config, o.Environment!.Name, o.Value, null, config.IsSecret);
        audit.Record(db, AuditAction.Deleted, AuditEntityType.Config, Subject(app, config), AuditSnapshots.Of(config, config.IsSecret), null);
    }

    /// <summary>A key's own fields changed (both copies in clear); secret on either side masks both.</summary>
    public void RecordUpdated(IConfigAdminDb db, Application app, ConfigKey before, ConfigKey after)
    {
        var secret = before.IsSecret || after.IsSecret;
        audit.Record(db, AuditAction.Updated, AuditEntityType.Config, Subject(app, after),
            AuditSnapshots.Of(before, secret), AuditSnapshots.Of(after, secret));
    }

    /// <summary>One override set, changed or removed; <paramref name="secret"/>: the key is or was secret during the change.</summary>
    public void RecordOverride(IConfigAdminDb db, Application app, ConfigKey config, string env, string? before, string? after, bool secret) =>
        Override(db, Subject(app, config), env, before, after, secret);

    /// <summary>Someone read this key's secret values in clear (in one environment, or all of them).</summary>
    public void RecordRevealed(IConfigAdminDb db, Application app, string key, string? environment)
    {
        audit.Record(db, AuditAction.Revealed, AuditEntityType.Config, new AuditSubject(app.Id, app.Name, key, environment), null, null);
        webhooks.SecretRevealed(db, app.Id, app.Name, environment, [key]);
    }

    private void Override(IConfigAdminDb db, AuditSubject subject, string env, string? before, string? after, bool secret)
    {
        var action = before is null ? AuditAction.Created : after is null ? AuditAction.Deleted : AuditAction.Updated;
        audit.Record(db, action, AuditEntityType.Override, subject with { Environment = env },
            before is null ? null : AuditSnapshots.OfOverride(before, secret),
            after is null ? null : AuditSnapshots.OfOverride(after, secret));
    }

    private static string Snapshot(KeyState k, bool secret) =>
        AuditSnapshots.OfKey(k.Key, k.ValueType, k.DefaultValue, Writes.EmptyToNull(k.Description), k.IsSecret, secret, k.Schema);

    private static bool SameFields(KeyState a, KeyState b) =>
        a.Key == b.Key && a.ValueType == b.ValueType && a.DefaultValue == b.DefaultValue
        && Writes.EmptyToNull(a.Description) == Writes.EmptyToNull(b.Description) && a.IsSecret == b.IsSecret && a.Schema == b.Schema;

    private static AuditSubject Subject(Application app, ConfigKey config) => new(app.Id, app.Name, config.Key);
}
