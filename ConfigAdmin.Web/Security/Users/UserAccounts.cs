using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Data;
using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace ConfigAdmin.Web.Security.Users;

/// <summary>
/// Writes a user through ASP.NET Core Identity in a unit of work of its own (a circuit must not hold one context),
/// with the audit entry in the same transaction, then reloads the access directory so the change applies at once.
/// </summary>
public sealed class UserAccounts(IServiceScopeFactory scopes, AuditRecorder audit, ChangeFeed changes)
{
    /// <summary>Reads through a fresh user manager (nothing written, nothing reloaded).</summary>
    public async Task<T> ReadAsync<T>(Func<UserManager<ConfigAdminUser>, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<UserManager<ConfigAdminUser>>());
    }

    /// <summary>Runs <paramref name="write"/> with a fresh user manager; its audit entries commit with Identity's save.</summary>
    public async Task<T> WriteAsync<T>(Func<UserManager<ConfigAdminUser>, IConfigAdminDb, Task<T>> write, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var gate = scope.ServiceProvider.GetRequiredService<IConfigAdminDbFactory>();
        using var turn = await gate.EnterWriteAsync(ct);
        var db = scope.ServiceProvider.GetRequiredService<ConfigAdminContext>();
        // The access change is recorded with Identity's own save, so every node reloads who may do what.
        var record = changes.Stage(db, ConfigChange.Access);
        try
        {
            return await write(scope.ServiceProvider.GetRequiredService<UserManager<ConfigAdminUser>>(), db);
        }
        finally
        {
            await changes.AppliedHereAsync(record, ConfigChange.Access);
        }
    }

    public void Record(IConfigAdminDb db, AuditAction action, ConfigAdminUser user, string? before, string? after) =>
        audit.Record(db, action, AuditEntityType.User, new AuditSubject(Key: user.Email), before, after);

    /// <summary>What the audit log keeps of a user: never a password or its hash.</summary>
    public static string Snapshot(ConfigAdminUser user, Func<Guid, string> applicationName) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            email = user.Email,
            disabled = user.IsDisabled,
            roles = user.Grants.Select(g => new
            {
                role = g.Role.ToString().ToLowerInvariant(),
                applications = g.Applications?.Select(applicationName).ToArray() ?? ["*"],
            }),
        });

    /// <summary>Identity's refusals (a weak password, a taken e-mail) as the field errors every form shows.</summary>
    public static FluentValidation.ValidationException Refused(IdentityResult result, string field = "password") =>
        new(result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(
            e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : field,
            e.Description)));
}
