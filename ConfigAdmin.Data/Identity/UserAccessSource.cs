using ConfigAdmin.Core.Access;
using ConfigAdmin.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data.Identity;

/// <summary>The people the access directory knows: every Identity user with their grants.</summary>
public sealed class UserAccessSource<TContext>(DbFactory<TContext> factory) : IUserAccessSource where TContext : ConfigAdminContext
{
    public async Task<IReadOnlyList<UserAccess>> LoadAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateContextAsync(ct);
        var users = await db.Users.AsNoTracking().ToListAsync(ct);
        return users.Select(u => new UserAccess(u.Id, u.Email ?? u.UserName ?? u.Id.ToString(), u.Grants, u.IsDisabled, u.SecurityStamp)).ToList();
    }
}
