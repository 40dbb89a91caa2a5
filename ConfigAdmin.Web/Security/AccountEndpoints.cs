using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// The server-rendered account forms post here: sign in (rate-limited, lockout after repeated failures), sign out,
/// change one's own password, and create the first admin from the one-time set-up link. Antiforgery is checked on each.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.SignInLimiter);
        account.MapPost("/setup", SetupAsync).AllowAnonymous().RequireRateLimiting(SecuritySetup.SignInLimiter);
        account.MapPost("/signout", SignOutAsync);
        account.MapPost("/password", ChangePasswordAsync);
        return routes;
    }

    private static async Task<IResult> SignInAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        UserManager<ConfigAdminUser> users, SignInManager<ConfigAdminUser> signIn)
    {
        var back = Safe(returnUrl);
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        // One message for an unknown e-mail, a wrong password and a disabled account: nothing to probe.
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(password)) return Results.Redirect(SignInPage("invalid", back));
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut) return Results.Redirect(SignInPage("locked", back));
        return result.Succeeded ? Results.LocalRedirect(back) : Results.Redirect(SignInPage("invalid", back));
    }

    private static async Task<IResult> SignOutAsync(SignInManager<ConfigAdminUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.Redirect("/account/signin?signedOut=true");
    }

    [Authorize]
    private static async Task<IResult> ChangePasswordAsync(HttpContext http, [FromForm] string? current, [FromForm] string? password,
        [FromForm] string? confirm, UserManager<ConfigAdminUser> users, SignInManager<ConfigAdminUser> signIn)
    {
        if (SecuritySetup.UserId(http.User) is not { } id || await users.FindByIdAsync(id.ToString()) is not { } user)
            return Results.Redirect("/account/signin");
        if (string.IsNullOrEmpty(password) || password != confirm) return Results.Redirect(PasswordPage("mismatch"));
        var result = await users.ChangePasswordAsync(user, current ?? "", password);
        if (!result.Succeeded) return Results.Redirect(PasswordPage(string.Join(" ", result.Errors.Select(e => e.Description))));
        await signIn.RefreshSignInAsync(user);
        return Results.Redirect("/account/password?status=changed");
    }

    private static async Task<IResult> SetupAsync([FromForm] string? token, [FromForm] string? email, [FromForm] string? password,
        [FromForm] string? confirm, FirstRun firstRun, UserManager<ConfigAdminUser> users, SignInManager<ConfigAdminUser> signIn)
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
}
