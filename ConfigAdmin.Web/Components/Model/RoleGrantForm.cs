using ConfigAdmin.Core.Access;
using ConfigAdmin.Web.Security.Users;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>The editable twin of one <see cref="RoleGrant"/>: a role over every application or over chosen ones.</summary>
public sealed class RoleGrantForm
{
    public Role Role { get; set; } = Role.Viewer;
    public bool AllApplications { get; set; } = true;
    public IReadOnlyCollection<string> Applications { get; set; } = [];

    /// <summary>Roles people can hold; the client role is for API keys.</summary>
    public static readonly IReadOnlyList<Role> PeopleRoles = [Role.Viewer, Role.Editor, Role.Admin];

    /// <summary>True when the role is limited to chosen applications and none is chosen.</summary>
    public bool Missing => !AllApplications && !Applications.Any();

    public static RoleGrantForm From(RoleGrant grant) => new()
    {
        Role = grant.Role,
        AllApplications = grant.Applications is [AccessScopes.All],
        Applications = grant.Applications is [AccessScopes.All] ? [] : grant.Applications.ToList(),
    };

    public RoleGrant ToGrant() => new(Role, AllApplications ? [AccessScopes.All] : Applications.ToList());

    public static string Describe(RoleGrant grant) =>
        $"{grant.Role.ToString().ToLowerInvariant()} · {(grant.Applications is [AccessScopes.All] ? "all applications" : string.Join(", ", grant.Applications))}";
}
