namespace ConfigAdmin.Core.Access;

/// <summary>
/// A new key: its name, role, the applications it covers (<c>["*"]</c> or names) and, for a client key, the
/// environments it may read (<c>["*"]</c> or names; other roles cover every environment).
/// </summary>
public sealed record ApiKeyInput(string? Name, Role? Role, IReadOnlyList<string>? Applications,
    IReadOnlyList<string>? Environments = null, DateTimeOffset? ExpiresAt = null);

/// <summary>A key as admins see it; <c>Secret</c> is filled once, in the answer to its creation.</summary>
public sealed record ApiKeyDto(
    Guid Id, string Name, Role Role, IReadOnlyList<string> Applications, IReadOnlyList<string> Environments,
    DateTime? ExpiresAt, DateTime CreatedAt, string CreatedBy, DateTime? LastUsedAt, string Hint, string? Secret = null);
