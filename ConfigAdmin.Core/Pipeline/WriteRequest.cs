using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Reviews;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>What the caller wants done with a planned change.</summary>
public enum WriteMode
{
    /// <summary>Store it, if every guard lets it through.</summary>
    Apply,

    /// <summary>Only answer what it would change.</summary>
    DryRun,

    /// <summary>File it as a change request instead of storing it.</summary>
    File,
}

/// <summary>
/// How to run one write: the version the caller named (a lost race is then a 412, not a retry), the mode, and the title
/// of the request to file.
/// </summary>
public sealed record WriteRequest(long? ExpectedVersion = null, WriteMode Mode = WriteMode.Apply)
{
    public static readonly WriteRequest Direct = new();

    public string? RequestTitle { get; init; }

    /// <summary>Roll the approved request out gradually instead of storing it (design §14).</summary>
    public Rollouts.RolloutInput? StartsRollout { get; init; }
    public string? RequestDescription { get; init; }

    /// <summary>Apply, dry run or file, as a bulk path's <c>dryRun</c> and <c>changeRequest</c> fields say.</summary>
    public static WriteRequest For(bool dryRun, string? changeRequest, string? description = null) =>
        new(null, dryRun ? WriteMode.DryRun : string.IsNullOrWhiteSpace(changeRequest) ? WriteMode.Apply : WriteMode.File)
        {
            RequestTitle = changeRequest, RequestDescription = description,
        };
}

/// <summary>
/// What a write did (or would do): the steps, the producer's preview, each environment's document diff, the protected
/// environments it touches, and the change request it filed, if any.
/// </summary>
public sealed record WriteResult(
    ChangeSet Set, IReadOnlyDictionary<string, EnvironmentDiff> Documents, IReadOnlyList<string> ProtectedEnvironments,
    ChangeRequest? Filed = null, Rollouts.Rollout? Started = null)
{
    public ChangeSetDiff Preview => Set.Preview ?? new ChangeSetDiff([], [], [], []);

    /// <summary>What a bulk path answers: its preview, the protected environments it touches, and the request it filed.</summary>
    public ChangeSetDiff Answer() => Preview with
    {
        ProtectedEnvironments = ProtectedEnvironments,
        Filed = Filed is null ? null : ChangeRequestDto.Of(Filed, []),
    };
}
