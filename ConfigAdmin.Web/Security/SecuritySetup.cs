using System.Threading.RateLimiting;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConfigAdmin.Web.Security;

public static class SecuritySetup
{
    /// <summary>The scheme every request authenticates with: an API key when a bearer is sent, else the sign-in cookie.</summary>
    public const string Scheme = "ConfigAdmin";

    /// <summary>Sign-in, first-admin set-up and password change: attempts per minute per address.</summary>
    public const string SignInLimiter = "sign-in";

    public static IServiceCollection AddConfigAdminSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.BootstrapApiKey) || o.BootstrapApiKey.Length >= SecurityOptions.MinimumBootstrapKeyLength,
                $"Security:BootstrapApiKey must be at least {SecurityOptions.MinimumBootstrapKeyLength} characters.")
            .Validate(o => string.IsNullOrEmpty(o.BootstrapApiKey) || o.BootstrapApiKey.Length <= SecurityOptions.MaximumBootstrapKeyLength,
                $"Security:BootstrapApiKey must be at most {SecurityOptions.MaximumBootstrapKeyLength} characters (a longer bearer is never accepted).")
            .Validate(o => o.SignInAttemptsPerMinute > 0, "Security:SignInAttemptsPerMinute must be > 0.")
            .Validate(o => o.SetupLinkHours > 0, "Security:SetupLinkHours must be > 0.")
            .ValidateOnStart();

        SignInContext.AddSignInManager(services.AddConfigAdminIdentity());
        // A stamp changed elsewhere (another node, an admin's reset) is seen within a minute even where nothing reloads.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "API key or sign-in", o => o.ForwardDefaultSelector = http =>
                ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out _) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(ConfigureCookie);

        services.AddSingleton<CallerResolver>();
        services.AddCrossSiteGuard();
        services.AddAuthorization(Policies.Add);
        services.AddScoped<IAuthorizationHandler, CallerRequirementHandler>();
        services.AddScoped<AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, CallerCircuitHandler>();
        services.AddHostedService<ApiKeyUsageFlusher>();
        services.AddScoped<Users.UserAccounts>();
        services.AddScoped<Users.UserAdminService>();
        services.AddScoped<FirstRun>();
        services.AddHealthChecks().AddCheck<AccessHealthCheck>("access", HealthStatus.Unhealthy, ["ready"]);

        var attempts = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>()?.SignInAttemptsPerMinute ?? 10;
        services.AddRateLimiter(o => o.AddPolicy(SignInLimiter, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = attempts, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }

    /// <summary>People through ASP.NET Core Identity: the password and lockout rules every user store operation applies.</summary>
    public static IdentityBuilder AddConfigAdminIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<ConfigAdminUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddDefaultTokenProviders();

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = "ConfigAdmin.Auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.LoginPath = "/account/signin";
        o.LogoutPath = "/account/signout";
        o.AccessDeniedPath = "/account/denied";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        o.Events.OnRedirectToLogin = ctx =>
        {
            if (SecurityProblems.IsApi(ctx.Request)) return SecurityProblems.UnauthenticatedAsync(ctx.HttpContext);
            ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        };
        o.Events.OnRedirectToAccessDenied = ctx =>
        {
            if (SecurityProblems.IsApi(ctx.Request)) return SecurityProblems.ForbiddenAsync(ctx.HttpContext);
            ctx.Response.Redirect(ctx.RedirectUri);
            return Task.CompletedTask;
        };
        o.Events.OnValidatePrincipal = ValidateSessionAsync;
    }

    /// <summary>
    /// A cookie works while its session lives: the user enabled and their security stamp the one it was signed in under.
    /// Sign-out, a password change, a disabled account: the next request with the cookie is anonymous. When the stamp
    /// differs only because this node has not loaded a change made on another node yet, the database says so and the
    /// directory reloads.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var services = ctx.HttpContext.RequestServices;
        var callers = services.GetRequiredService<CallerResolver>();
        var principal = ctx.Principal!;
        if (callers.FromSession(principal) is null && callers.SessionStampDiffers(principal)
            && await services.GetRequiredService<SignInManager<ConfigAdminUser>>().ValidateSecurityStampAsync(principal) is not null)
            await services.GetRequiredService<AccessDirectory>().RefreshAsync(ctx.HttpContext.RequestAborted);
        if (callers.FromSession(principal) is null)
        {
            ctx.RejectPrincipal(); // the cookie handler then clears the cookie
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(ctx);
    }

    /// <summary>After authentication: the request's caller, for the policies and every service it calls; the audit's correlation id.</summary>
    public static WebApplication UseConfigAdminCaller(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var context = http.RequestServices.GetRequiredService<ChangeContext>();
            http.RequestServices.GetRequiredService<CallerResolver>().Attach(http, context);
            context.CorrelationId = Errors.ErrorsSetup.CorrelationIdOf(http);
            return next(http);
        });
        return app;
    }
}

/// <summary>Ready only while the access directory holds every committed access change (a failed reload is being retried).</summary>
public sealed class AccessHealthCheck(AccessDirectory directory) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(directory.IsCurrent
            ? HealthCheckResult.Healthy("Who may do what is loaded.")
            : HealthCheckResult.Unhealthy("A change of who may do what is not loaded yet; reloading."));
}
