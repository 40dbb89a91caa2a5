using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Web.Components.Shared;

/// <summary>
/// What the signed-in caller may do on one application's page, so it offers only controls the services would allow
/// (they still check every write). <c>ApplicationPage</c> cascades it to its tabs: a tab takes
/// <c>[CascadingParameter] public PageAccess? Access { get; set; }</c> and shows write controls only when
/// <see cref="CanEditConfigs"/> (keys, overrides, reveal) or <see cref="CanAdminister"/> (the application itself) allows.
/// </summary>
public sealed record PageAccess(Role? Role, bool IsGlobalAdmin)
{
    /// <summary>Nothing beyond reading: what a tab assumes while the role is not known yet.</summary>
    public static readonly PageAccess ReadOnly = new(null, false);

    /// <summary>Create, change and delete keys and overrides, and reveal secret values: editor or admin.</summary>
    public bool CanEditConfigs => Role.Allows(AppPermission.Edit);

    /// <summary>Edit or delete the application itself: admin of it.</summary>
    public bool CanAdminister => Role.Allows(AppPermission.Administer);
}
