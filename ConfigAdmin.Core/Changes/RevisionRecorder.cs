using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Changes;

/// <summary>Adds a key's new full state to the unit of work of its change, so both commit together.</summary>
public sealed class RevisionRecorder(TimeProvider time)
{
    /// <summary>
    /// Records the key as it will be once this unit of work commits: a new key keeps version 1, a changed one gets the
    /// version the save is about to give it.
    /// </summary>
    public void Record(IConfigAdminDb db, ConfigKey config, bool created = false)
    {
        var revision = ConfigRevision.Of(config, time.GetUtcNow().UtcDateTime);
        if (!created) revision.Version = config.Version + 1;
        db.Revisions.Add(revision);
    }

    /// <summary>Records that the key is gone (with its last state, so it can come back).</summary>
    public void RecordDeleted(IConfigAdminDb db, ConfigKey config) =>
        db.Revisions.Add(ConfigRevision.Of(config, time.GetUtcNow().UtcDateTime, deleted: true));
}
