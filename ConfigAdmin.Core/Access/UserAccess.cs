namespace ConfigAdmin.Core.Access;

/// <summary>
/// A person as access rules see them: who, which grants, whether they may sign in at all, and their security stamp
/// (a session signed in under another stamp has ended: signed out, or the password changed).
/// </summary>
public sealed record UserAccess(Guid Id, string Email, IReadOnlyList<Grant> Grants, bool Disabled, string? SecurityStamp = null);

/// <summary>Where the people come from (ASP.NET Core Identity's user store, in ConfigAdmin.Data).</summary>
public interface IUserAccessSource
{
    Task<IReadOnlyList<UserAccess>> LoadAsync(CancellationToken ct);
}
