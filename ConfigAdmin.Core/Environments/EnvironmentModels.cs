namespace ConfigAdmin.Core.Environments;

/// <summary>
/// What a caller sends to create or replace an environment (the name never changes). Without a sort order a new
/// environment comes after every existing one. <c>RequiredApprovals</c> (0-5) protects it; omitted on a replace, it
/// stays as it is, so an edit of the description never lifts a protection.
/// </summary>
public sealed record EnvironmentInput(string? Name, string? Description, int? SortOrder = null, long? Version = null, int? RequiredApprovals = null);

/// <summary>An environment as the API and the UI show it.</summary>
public sealed record EnvironmentDto(
    string Name, string? Description, int SortOrder, DateTime CreatedAt, DateTime UpdatedAt, long Version, int OverrideCount,
    int RequiredApprovals = 0)
{
    public EnvironmentInput ToInput() => new(Name, Description, SortOrder, Version, RequiredApprovals);
}

/// <summary>What keeps an environment from being deleted: how many overrides use it and the first of their keys.</summary>
public sealed record EnvironmentUsage(int OverrideCount, IReadOnlyList<EnvironmentUsage.KeyRef> Keys)
{
    /// <summary>One key of one application with an override in the environment.</summary>
    public sealed record KeyRef(string Application, string Key);

    public bool InUse => OverrideCount > 0;
}
