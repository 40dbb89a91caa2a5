using ConfigAdmin.Core.Common;
using ConfigAdmin.Data.Identity;
using ConfigAdmin.Web.Errors;
using ConfigAdmin.Web.Security.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// The server-rendered account forms post here: sign in (rate-limited, lockout after repeated failures), sign out,
/// change one's own password (rate-limited), and create the first admin from the one-time set-up link. Antiforgery is
/// checked on each.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.SignInLimiter);
        account.MapPost("/setup", SetupAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.SignInLimiter);
        account.MapPost("/signout", SignOutAsync);
        account.MapPost("/password", ChangePasswordAsync).RequireRateLimiting(SecuritySetup.SignInLimiter);
        return routes;
    }

    /// <summary>
    /// One answer for an unknown e-mail, a wrong password, a disabled account and a locked one, after the same work (a
    /// password hash is checked either way), so neither the answer nor its timing tells whether an address has an account.
    /// </summary>
    private static async Task<IResult> SignInAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        UserManager<ConfigAdminUser> users, SignInManager<ConfigAdminUser> signIn, IPasswordHasher<ConfigAdminUser> hasher)
    {
        var back = Safe(returnUrl);
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        // Identity answers a locked account without checking the password: that would be the fast, telling answer.
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(password) || await users.IsLockedOutAsync(user))
        {
            DummyPassword.Check(hasher, password);
            return Results.Redirect(SignInPage("invalid", back));
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? Results.LocalRedirect(back) : Results.Redirect(SignInPage("invalid", back));
    }

    /// <summary>
    /// Ends the session on the server, not only in this browser: the user's security stamp changes, so the cookie (and
    /// any copy of it) stops working at once on every node, and open streams and pages of theirs end.
    /// </summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, UserAccounts accounts,
        SignInManager<ConfigAdminUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return TypedResults.Problem(Problems.Create(StatusCodes.Status400BadRequest, ErrorCodes.AntiforgeryFailed,
                "Sign out from the account menu of a ConfigAdmin page (the form carries its antiforgery token)."));
        if (CallerResolver.UserId(http.User) is { } id)
        {
            await accounts.WriteAsync(async (users, _) =>
                await users.FindByIdAsync(id.ToString()) is { } user && (await users.UpdateSecurityStampAsync(user)).Succeeded);
        }
        await signIn.SignOutAsync();
        return Results.Redirect("/account/signin?signedOut=true");
    }

    [Authorize]
    private static async Task<IResult> ChangePasswordAsync(HttpContext http, [FromForm] string? current, [FromForm] string? password,
        [FromForm] string? confirm, UserAccounts accounts, SignInManager<ConfigAdminUser> signIn)
    {
        if (CallerResolver.UserId(http.User) is not { } id) return Results.Redirect("/account/signin");
        if (string.IsNullOrEmpty(password) || password != confirm) return Results.Redirect(PasswordPage("mismatch"));
        // Through the accounts' unit of work: the new security stamp reaches every node's access directory, so this
        // browser's renewed cookie works and every other session of this user ends.
        var (user, result) = await accounts.WriteAsync<(ConfigAdminUser? User, IdentityResult? Result)>(async (users, _) =>
        {
            var user = await users.FindByIdAsync(id.ToString());
            return user is null ? (null, null) : (user, await users.ChangePasswordAsync(user, current ?? "", password));
        });
        if (user is null) return Results.Redirect("/account/signin");
        if (!result!.Succeeded) return Results.Redirect(PasswordPage(string.Join(" ", result.Errors.Select(e => e.Description))));
        await signIn.RefreshSignInAsync(user);
        return Results.Redirect("/account/password?status=changed");
    }

    private static async Task<IResult> SetupAsync([FromForm] string? token, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? confirm, FirstRun firstRun, SignInManager<ConfigAdminUser> signIn)
    {
        var back = $"/account/setup?token={Uri.EscapeDataString(token ?? "")}";
        if (string.IsNullOrEmpty(password) || password != confirm) return Results.Redirect(back + "&error=mismatch");
        var outcome = await firstRun.CreateFirstAdminAsync(token, email, password);
        if (outcome.Error is { } error) return Results.Redirect(back + "&error=" + Uri.EscapeDataString(error));
        await signIn.SignInAsync(outcome.User!, isPersistent: false);
        return Results.Redirect("/");
    }

    /// <summary>Only a local path: a sign-in link must not send anyone elsewhere.</summary>
    private static string Safe(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl : "/";

    private static string SignInPage(string error, string back) =>
        $"/account/signin?error={error}&returnUrl={Uri.EscapeDataString(back)}";

    private static string PasswordPage(string error) => $"/account/password?error={Uri.EscapeDataString(error)}";

    /// <summary>A password hash no one can match, checked where there is no account, for the time a real check takes.</summary>
    private static class DummyPassword
    {
        private static string? _hash;

        public static void Check(IPasswordHasher<ConfigAdminUser> hasher, string? password)
        {
            var user = new ConfigAdminUser();
            _hash ??= hasher.HashPassword(user, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(user, _hash, password ?? "");
        }
    }
}
