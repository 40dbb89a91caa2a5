using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Web.Security.Users;

/// <summary>
/// People, for admins of every application: add users, set the roles they hold and the applications each covers,
/// disable them, set a new password. Every change is audited and applies at once (the access directory reloads).
/// There is always one enabled admin of every application left.
/// </summary>
public sealed class UserAdminService(UserAccounts accounts, IConfigAdminDbFactory factory, ChangeContext context, TimeProvider time)
{
    private const string Kind = "User";

    /// <summary>Everyone, by e-mail.</summary>
    public async Task<IReadOnlyList<UserDto>> ListAsync(CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Managing users");
        var users = await accounts.ReadAsync(m => m.Users.AsNoTracking().OrderBy(u => u.NormalizedEmail).ToListAsync(ct));
        await using var db = await factory.CreateAsync(ct);
        var result = new List<UserDto>();
        foreach (var user in users) result.Add(await DtoAsync(db, user, ct));
        return result;
    }

    /// <summary>Adds a user with a first password and roles.</summary>
    public async Task<UserDto> CreateAsync(NewUserInput input, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Managing users");
        if (string.IsNullOrWhiteSpace(input.Email)) throw ValidatorExtensions.Invalid("email", "'Email' is required.");
        var grants = await GrantsAsync(input.Roles, ct);
        var user = await accounts.WriteAsync(async (users, db) =>
        {
            var email = input.Email.Trim();
            var user = new ConfigAdminUser { UserName = email, Email = email, EmailConfirmed = true, Grants = grants, CreatedAt = Now };
            accounts.Record(db, AuditAction.Created, user, null, await SnapshotAsync(user, ct));
            var result = await users.CreateAsync(user, input.Password ?? "");
            if (!result.Succeeded) throw UserAccounts.Refused(result);
            return user;
        }, ct);
        return await DtoAsync(user, ct);
    }

    /// <summary>Replaces a user's roles.</summary>
    public Task<UserDto> SetRolesAsync(Guid id, IReadOnlyList<RoleGrant> roles, CancellationToken ct = default) =>
        ChangeAsync(id, async user => user.Grants = await GrantsAsync(roles, ct), ct);

    /// <summary>Disables (or enables again) a user: a disabled user cannot sign in and an open session loses every right at once.</summary>
    public Task<UserDto> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct = default) =>
        ChangeAsync(id, user =>
        {
            user.IsDisabled = disabled;
            return Task.CompletedTask;
        }, ct);

    /// <summary>Sets a new password for a user who lost theirs (audited without the password).</summary>
    public async Task ResetPasswordAsync(Guid id, string password, CancellationToken ct = default)
    {
        context.Caller.EnsureGlobalAdmin("Managing users");
        await accounts.WriteAsync(async (users, db) =>
        {
            var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException(Kind, id.ToString());
            var token = await users.GeneratePasswordResetTokenAsync(user);
            accounts.Record(db, AuditAction.Updated, user, null, """{"password":"set by an admin"}""");
            var result = await users.ResetPasswordAsync(user, token, password);
            if (!result.Succeeded) throw UserAccounts.Refused(result);
            await users.SetLockoutEndDateAsync(user, null);
            return true;
        }, ct);
    }

    private async Task<UserDto> ChangeAsync(Guid id, Func<ConfigAdminUser, Task> change, CancellationToken ct)
    {
        context.Caller.EnsureGlobalAdmin("Managing users");
        var user = await accounts.WriteAsync(async (users, db) =>
        {
            var user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException(Kind, id.ToString());
            var before = await SnapshotAsync(user, ct);
            var wasAdmin = IsActiveGlobalAdmin(user);
            await change(user);
            var after = await SnapshotAsync(user, ct);
            if (before == after) return user;
            // Grants are a JSON column: the (few) others are checked in memory.
            if (wasAdmin && !IsActiveGlobalAdmin(user)
                && !(await users.Users.AsNoTracking().Where(u => u.Id != user.Id).ToListAsync(ct)).Any(IsActiveGlobalAdmin))
                throw new ConflictException(ErrorCodes.LastAdmin, "This would leave no enabled admin of every application; make someone else one first.");
            accounts.Record(db, AuditAction.Updated, user, before, after);
            // The security stamp signs every session of this user out at its next validation.
            await users.UpdateSecurityStampAsync(user);
            return user;
        }, ct);
        return await DtoAsync(user, ct);
    }

    private static bool IsActiveGlobalAdmin(ConfigAdminUser user) =>
        !user.IsDisabled && user.Grants.Any(g => g is { Role: Role.Admin, Applications: null });

    private async Task<List<Grant>> GrantsAsync(IReadOnlyList<RoleGrant> roles, CancellationToken ct)
    {
        if (roles.Count == 0) throw ValidatorExtensions.Invalid("roles", "A user needs at least one role.");
        if (roles.Any(r => r.Role is Role.Client or Role.Monitor || !Enum.IsDefined(r.Role)))
            throw ValidatorExtensions.Invalid("roles", "People are viewers, editors or admins; the client and monitor roles are for API keys.");
        await using var db = await factory.CreateAsync(ct);
        var grants = new List<Grant>();
        foreach (var role in roles)
        {
            if (role.Applications.Count == 0) throw ValidatorExtensions.Invalid("roles", $"Say which applications the {role.Role.ToString().ToLowerInvariant()} role covers ([\"*\"] for all).");
            grants.Add(new Grant(role.Role, await db.ApplicationIdsAsync(role.Applications, "roles", ct)));
        }
        return grants;
    }

    private async Task<string> SnapshotAsync(ConfigAdminUser user, CancellationToken ct)
    {
        await using var db = await factory.CreateAsync(ct);
        var names = await db.Applications.AsNoTracking().Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return UserAccounts.Snapshot(user, id => names.GetValueOrDefault(id, id.ToString()));
    }

    private async Task<UserDto> DtoAsync(ConfigAdminUser user, CancellationToken ct)
    {
        await using var db = await factory.CreateAsync(ct);
        return await DtoAsync(db, user, ct);
    }

    private async Task<UserDto> DtoAsync(IConfigAdminDb db, ConfigAdminUser user, CancellationToken ct)
    {
        var roles = new List<RoleGrant>();
        foreach (var g in user.Grants) roles.Add(new RoleGrant(g.Role, await db.ApplicationNamesAsync(g.Applications, ct)));
        return new UserDto(user.Id, user.Email ?? "", roles, user.IsDisabled, user.LockoutEnd > time.GetUtcNow(), user.CreatedAt);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
