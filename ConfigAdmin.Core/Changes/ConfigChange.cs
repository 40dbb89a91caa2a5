namespace ConfigAdmin.Core.Changes;

/// <summary>What a committed write changed, as far as resolved documents, caches and waiting clients care.</summary>
public enum ChangeKind
{
    /// <summary>Keys or overrides of one application: its documents in <see cref="ConfigChange.Environments"/> (null: all).</summary>
    Values,

    /// <summary>An application was renamed: the same documents now answer to another name.</summary>
    ApplicationRenamed,

    /// <summary>An application and its keys are gone.</summary>
    ApplicationDeleted,

    /// <summary>An environment is gone: every application's documents for it.</summary>
    EnvironmentDeleted,

    /// <summary>Who may do what changed: an API key created or revoked, a user's roles changed or disabled.</summary>
    Access,

    /// <summary>A change request of one application was filed or changed state: no document changes, open pages refresh.</summary>
    Reviews,

    /// <summary>
    /// A rollout of one environment started, moved a stage, paused or ended: which instances read which document changes,
    /// so every node reloads its rollouts and wakes that document's waiters.
    /// </summary>
    Rollouts,
}

/// <summary>One committed change: its kind, the application it touched and the environments whose documents it touched.</summary>
public sealed record ConfigChange(ChangeKind Kind, Guid? ApplicationId, IReadOnlyList<string>? Environments)
{
    /// <summary>Keys or overrides changed; <paramref name="environment"/> null when every environment's document may change.</summary>
    public static ConfigChange Values(Guid application, string? environment = null) =>
        new(ChangeKind.Values, application, environment is null ? null : [environment]);

    /// <summary>Keys or overrides changed in these environments (null: every environment's document may change).</summary>
    public static ConfigChange Values(Guid application, IReadOnlyList<string>? environments) => new(ChangeKind.Values, application, environments);

    public static ConfigChange Renamed(Guid application) => new(ChangeKind.ApplicationRenamed, application, null);

    public static ConfigChange Deleted(Guid application) => new(ChangeKind.ApplicationDeleted, application, null);

    public static ConfigChange EnvironmentDeleted(string environment) => new(ChangeKind.EnvironmentDeleted, null, [environment]);

    public static readonly ConfigChange Access = new(ChangeKind.Access, null, null);

    public static ConfigChange Reviews(Guid application) => new(ChangeKind.Reviews, application, null);

    public static ConfigChange Rollouts(Guid application, string environment) => new(ChangeKind.Rollouts, application, [environment]);

    /// <summary>True when the document of (<paramref name="application"/>, <paramref name="environment"/>) may differ after this change.</summary>
    public bool Touches(Guid application, string environment) => Kind switch
    {
        ChangeKind.EnvironmentDeleted => Environments!.Contains(environment, StringComparer.OrdinalIgnoreCase),
        ChangeKind.Access => true,
        ChangeKind.Reviews => false,
        _ => ApplicationId == application
             && (Environments is null || Environments.Contains(environment, StringComparer.OrdinalIgnoreCase)),
    };
}
