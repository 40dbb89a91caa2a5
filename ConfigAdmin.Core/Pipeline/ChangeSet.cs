using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using FluentValidation.Results;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>What a write needs on the application: editing its keys, or administering the application itself.</summary>
public enum WriteRight
{
    Edit,
    Administer,
}

/// <summary>
/// Everything one write changes in one application, planned by a producer (a direct route, a bulk path, a change
/// request) and run by <see cref="WritePipeline"/>: the keys' steps, and whether the application itself is renamed or
/// deleted. Producers say what the change is; the pipeline alone checks, guards and stores it.
/// </summary>
public sealed class ChangeSet(Application app)
{
    public Application App => app;

    public List<KeyStep> Steps { get; } = [];

    public WriteRight Right { get; init; } = WriteRight.Edit;

    /// <summary>The producer's own preview (restore, promote, import and revert answer it).</summary>
    public ChangeSetDiff? Preview { get; set; }

    /// <summary>
    /// The operations that describe this change, when the producer started from them; otherwise they are derived from
    /// the steps when the change is filed as a request.
    /// </summary>
    public IReadOnlyList<ChangeOperation>? Operations { get; set; }

    /// <summary>
    /// The environments whose documents move to another name (a rename): touched, though no value changes.
    /// </summary>
    public IReadOnlyList<string>? MovesDocuments { get; init; }

    /// <summary>Runs inside the write's transaction after the key steps: the application's own change (rename, delete).</summary>
    public Func<IConfigAdminDb, ConfigChange?>? ApplicationWrite { get; init; }

    /// <summary>The change request this write applies (tracked in the write's unit of work); its approvals stand in for protection.</summary>
    public Reviews.ApplyingRequest? Applying { get; set; }

    /// <summary>
    /// The values this write brings are stored ones (restored from history or promoted from another environment), not
    /// the caller's input: one that breaks its key's schema is a conflict with stored state (409), not bad input.
    /// </summary>
    public bool StoredValues { get; init; }

    /// <summary>The rollout this write completes (tracked): the rollout guard lets it through, and it ends with the write.</summary>
    public Rollouts.Rollout? CompletesRollout { get; set; }

    /// <summary>How a broken value is named to the caller; by default the field is the key's name.</summary>
    public Func<KeyFault, ValidationFailure> Describe { get; init; } = KeyFault.ByKey;

    /// <summary>The rows as stored by the write, by key id (a created key's new row included).</summary>
    public Dictionary<Guid, Configs.ConfigKey> Stored { get; } = [];

    /// <summary>Steps that change something.</summary>
    public IEnumerable<KeyStep> Changing => Steps.Where(s => s.Changes);

    public bool IsEmpty => !Changing.Any() && ApplicationWrite is null && Applying is null;

    /// <summary>The step of the key with this id, if the write touches it.</summary>
    public KeyStep? StepOf(Guid id) => Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>What the change record says: every environment when a key's own fields change, else those of the overrides changed.</summary>
    public ConfigChange ChangeRecord()
    {
        var changing = Changing.ToList();
        if (changing.Any(s => s.ChangesKeyFields)) return ConfigChange.Values(app.Id);
        return ConfigChange.Values(app.Id, changing.SelectMany(s => s.OverridesChanged()).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
