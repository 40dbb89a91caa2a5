using System.Security.Cryptography;
using System.Text;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Data.Identity;
using ConfigAdmin.Web.Security.Users;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// The first admin: from <c>Security:InitialAdmin</c>, else through a one-time set-up link printed to the console
/// (random token, stored encrypted; it works once, and for <c>Security:SetupLinkHours</c> — a start after that prints a
/// new one). In Development with demo data, a demo admin with a random password and an admin API key for the README's
/// REST examples, both printed. No password or key is the same on two installations.
/// </summary>
public sealed class FirstRun(
    UserAccounts accounts,
    ApiKeyService apiKeys,
    IConfigAdminDbFactory factory,
    ISecretProtector protector,
    IOptions<SecurityOptions> options,
    IServer server,
    TimeProvider time,
    ILogger<FirstRun> logger)
{
    public const string DemoAdminEmail = "admin@example.com";
    public const string DemoKeyName = "demo-admin";
    private const string SetupTokenState = "setup-token";
    private const string DemoPasswordState = "demo-admin-password";
    private const string DemoKeyState = "demo-admin-key";
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Makes sure someone can sign in; called once start-up work has migrated and seeded.</summary>
    public async Task EnsureAsync(bool demo, CancellationToken ct)
    {
        if (await AnyUserAsync(ct)) return;
        var initial = options.Value.InitialAdmin;
        if (!string.IsNullOrWhiteSpace(initial.Email) && !string.IsNullOrEmpty(initial.Password))
        {
            await CreateAdminAsync(initial.Email.Trim(), initial.Password, ct);
            logger.LogInformation("Created the first admin from Security:InitialAdmin");
        }
        else if (demo)
        {
            var password = RandomToken(12);
            await CreateAdminAsync(DemoAdminEmail, password, ct);
            await SetStateAsync(DemoPasswordState, protector.Protect(password), ct);
            var key = await apiKeys.CreateAsync(new ApiKeyInput(DemoKeyName, Role.Admin, [AccessScopes.All], [AccessScopes.All]), ct);
            await SetStateAsync(DemoKeyState, protector.Protect(key.Secret!), ct);
        }
        else if (await GetStateAsync(SetupTokenState, ct) is not { } link || Expired(link))
        {
            await DeleteStateAsync(SetupTokenState);
            await SetStateAsync(SetupTokenState, protector.Protect(RandomToken(32)), ct);
        }
    }

    /// <summary>
    /// What the console says once the server listens: the set-up link while no user exists; the demo admin's
    /// password while it is unchanged, and the demo API key while it is not revoked. Written to the console for the
    /// person starting the app, not to the log.
    /// </summary>
    public async Task<string?> InstructionsAsync(CancellationToken ct)
    {
        var baseUrl = BaseUrl();
        if (!await AnyUserAsync(ct) && await GetStateAsync(SetupTokenState, ct) is { } link && !Expired(link))
            return $"No user exists yet. Create the first admin at {baseUrl}/account/setup?token={Uri.EscapeDataString(protector.Unprotect(link.Value))} " +
                   $"(works once, until {ExpiresAt(link):yyyy-MM-dd HH:mm} UTC)";
        var lines = new List<string>();
        if (await DemoPasswordAsync(ct) is { } password)
            lines.Add($"Demo data: sign in at {baseUrl}/account/signin as {DemoAdminEmail} with password {password}");
        if (await DemoKeyAsync(ct) is { } key)
            lines.Add($"Demo data: an admin API key for the REST API (the README's ADMIN): {key}");
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    private async Task<string?> DemoPasswordAsync(CancellationToken ct)
    {
        if (await GetStateAsync(DemoPasswordState, ct) is not { } stored) return null;
        var password = protector.Unprotect(stored.Value);
        var stillValid = await accounts.ReadAsync(async users =>
            await users.FindByEmailAsync(DemoAdminEmail) is { } admin && await users.CheckPasswordAsync(admin, password));
        return stillValid ? password : null;
    }

    private async Task<string?> DemoKeyAsync(CancellationToken ct)
    {
        if (await GetStateAsync(DemoKeyState, ct) is not { } stored) return null;
        var secret = protector.Unprotect(stored.Value);
        var hash = ApiKeySecrets.Hash(secret);
        await using var db = await factory.CreateAsync(ct);
        return await db.ApiKeys.AnyAsync(k => k.SecretHash == hash, ct) ? secret : null;
    }

    /// <summary>The set-up form: a valid token, no user yet, then the first admin. Returns the user or why not.</summary>
    public async Task<(ConfigAdminUser? User, string? Error)> CreateFirstAdminAsync(string? token, string? email, string password)
    {
        await Gate.WaitAsync();
        try
        {
            var stored = await GetStateAsync(SetupTokenState, default);
            if (string.IsNullOrEmpty(token) || stored is null
                || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(protector.Unprotect(stored.Value)), Encoding.UTF8.GetBytes(token)))
                return (null, "This set-up link is not valid: it works once, while no user exists.");
            if (Expired(stored)) return (null, "This set-up link has expired: restart ConfigAdmin, which prints a new one.");
            if (await AnyUserAsync(default)) return (null, "An admin exists already: sign in instead.");
            if (string.IsNullOrWhiteSpace(email)) return (null, "An e-mail address is required.");
            try
            {
                return (await CreateAdminAsync(email.Trim(), password, default, consumeSetupLink: true), null);
            }
            catch (FluentValidation.ValidationException refused)
            {
                return (null, string.Join(" ", refused.Errors.Select(e => e.ErrorMessage)));
            }
            catch (ConcurrentWriteException)
            {
                // Another node used the link at the same moment: its admin stands, this one was not created.
                return (null, "This set-up link is not valid: it works once, while no user exists.");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Creates an admin of every application. With <paramref name="consumeSetupLink"/> the set-up link is deleted in the
    /// same transaction, so it works once even across nodes and restarts: a link used meanwhile fails the creation.
    /// </summary>
    private Task<ConfigAdminUser> CreateAdminAsync(string email, string password, CancellationToken ct, bool consumeSetupLink = false) =>
        accounts.WriteAsync(async (users, db) =>
        {
            if (consumeSetupLink)
                db.SystemStates.Remove(await db.SystemStates.FirstOrDefaultAsync(s => s.Name == SetupTokenState, ct)
                                       ?? throw new ConcurrentWriteException(new InvalidOperationException("The set-up link was used.")));
            var user = new ConfigAdminUser
            {
                UserName = email, Email = email, EmailConfirmed = true, Grants = [new Grant(Role.Admin, null)],
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            accounts.Record(db, AuditAction.Created, user, null, UserAccounts.Snapshot(user, id => id.ToString()));
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw UserAccounts.Refused(result);
            return user;
        }, ct);

    private Task<bool> AnyUserAsync(CancellationToken ct) => accounts.ReadAsync(users => users.Users.AnyAsync(ct));

    private async Task<SystemState?> GetStateAsync(string name, CancellationToken ct)
    {
        await using var db = await factory.CreateAsync(ct);
        return await db.SystemStates.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct);
    }

    private DateTime ExpiresAt(SystemState link) => link.UpdatedAt.AddHours(options.Value.SetupLinkHours);

    private bool Expired(SystemState link) => time.GetUtcNow().UtcDateTime >= ExpiresAt(link);

    private async Task SetStateAsync(string name, string value, CancellationToken ct)
    {
        using var turn = await factory.EnterWriteAsync(ct);
        await using var db = await factory.CreateAsync(ct);
        db.SystemStates.Add(new SystemState { Name = name, Value = value, UpdatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }

    private async Task DeleteStateAsync(string name)
    {
        using var turn = await factory.EnterWriteAsync();
        await using var db = await factory.CreateAsync();
        await db.SystemStates.Where(s => s.Name == name).ExecuteDeleteAsync();
    }

    private string BaseUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        return address.Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost").Replace("://+", "://localhost").TrimEnd('/');
    }

    private static string RandomToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
