using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Web.Security.Users;

/// <summary>One role a user holds over applications: <c>["*"]</c> or names.</summary>
public sealed record RoleGrant(Role Role, IReadOnlyList<string> Applications);

/// <summary>A person as admins see them (never a password or its hash).</summary>
public sealed record UserDto(Guid Id, string Email, IReadOnlyList<RoleGrant> Roles, bool Disabled, bool LockedOut, DateTime CreatedAt);

/// <summary>A new person: e-mail, a first password they can change, and their roles.</summary>
public sealed record NewUserInput(string? Email, string? Password, IReadOnlyList<RoleGrant> Roles);
