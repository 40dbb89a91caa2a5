namespace ConfigAdmin.Core.Access;

/// <summary>
/// What a person or a machine may do to the applications a grant covers. Viewer, editor and admin build on each other;
/// client stands apart: it may only read resolved configuration (the client read and its live forms); monitor may only
/// read the metrics (<c>/metrics</c>), which cover every application, and covers no application itself.
/// </summary>
public enum Role
{
    Viewer,
    Editor,
    Admin,
    Client,
    Monitor,
}

/// <summary>One role over a set of applications: their ids, or null for every application (<c>*</c>).</summary>
public sealed record Grant(Role Role, IReadOnlyList<Guid>? Applications)
{
    public bool Covers(Guid application) => Applications is null || Applications.Contains(application);
}
