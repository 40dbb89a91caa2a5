using ConfigAdmin.Core.Access;
using Microsoft.AspNetCore.Identity;

namespace ConfigAdmin.Data.Identity;

/// <summary>A person who signs in (ASP.NET Core Identity), with the roles they hold and whether they may sign in.</summary>
public sealed class ConfigAdminUser : IdentityUser<Guid>
{
    public ConfigAdminUser() => Id = Guid.CreateVersion7();

    /// <summary>Each role with the applications it covers.</summary>
    public List<Grant> Grants { get; set; } = [];

    /// <summary>A disabled user cannot sign in, and an open session of theirs loses every right at once.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
