namespace ConfigAdmin.Core.Access;

/// <summary>A person as access rules see them: who, which grants, and whether they may sign in at all.</summary>
public sealed record UserAccess(Guid Id, string Email, IReadOnlyList<Grant> Grants, bool Disabled);

/// <summary>Where the people come from (ASP.NET Core Identity's user store, in ConfigAdmin.Data).</summary>
public interface IUserAccessSource
{
    Task<IReadOnlyList<UserAccess>> LoadAsync(CancellationToken ct);
}
