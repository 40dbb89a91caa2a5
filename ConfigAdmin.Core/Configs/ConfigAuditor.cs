using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Configs;

/// <summary>Audit entries for keys and overrides, with secrets masked: shared by every path that changes keys.</summary>
public sealed class ConfigAuditor(AuditRecorder audit)
{
    public void RecordCreated(IConfigAdminDb db, Application app, ConfigKey config, IEnumerable<(string Env, string Value)> overrides)
    {
        audit.Record(db, AuditAction.Created, AuditEntityType.Config, Subject(app, config), null, AuditSnapshots.Of(config, config.IsSecret));
        foreach (var (env, value) in overrides) RecordOverride(db, app, config, env, null, value);
    }

    /// <summary>A key and each of its overrides deleted (overrides must be loaded with their environments).</summary>
    public void RecordDeleted(IConfigAdminDb db, Application app, ConfigKey config)
    {
        foreach (var o in config.Overrides) RecordOverride(db, app, config, o.Environment!.Name, o.Value, null);
        audit.Record(db, AuditAction.Deleted, AuditEntityType.Config, Subject(app, config), AuditSnapshots.Of(config, config.IsSecret), null);
    }

    /// <summary>When the key is or becomes secret, both sides are masked.</summary>
    public void RecordUpdated(IConfigAdminDb db, Application app, ConfigKey before, ConfigKey after)
    {
        var mask = before.IsSecret || after.IsSecret;
        audit.Record(db, AuditAction.Updated, AuditEntityType.Config, Subject(app, after),
            AuditSnapshots.Of(before, mask), AuditSnapshots.Of(after, mask));
    }

    public void RecordOverride(IConfigAdminDb db, Application app, ConfigKey config, string env, string? before, string? after)
    {
        var action = before is null ? AuditAction.Created : after is null ? AuditAction.Deleted : AuditAction.Updated;
        audit.Record(db, action, AuditEntityType.Override, Subject(app, config) with { Environment = env },
            before is null ? null : AuditSnapshots.OfOverride(before, config.IsSecret),
            after is null ? null : AuditSnapshots.OfOverride(after, config.IsSecret));
    }

    /// <summary>Someone read this key's secret values in clear (in one environment, or all of them).</summary>
    public void RecordRevealed(IConfigAdminDb db, Application app, ConfigKey config, string? environment) =>
        audit.Record(db, AuditAction.Revealed, AuditEntityType.Config, Subject(app, config) with { Environment = environment }, null, null);

    private static AuditSubject Subject(Application app, ConfigKey config) => new(app.Id, app.Name, config.Key);
}
