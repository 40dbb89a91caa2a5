using System.Security.Claims;
using System.Threading.RateLimiting;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Security;

public static class SecuritySetup
{
    /// <summary>The scheme every request authenticates with: an API key when a bearer is sent, else the sign-in cookie.</summary>
    public const string Scheme = "ConfigAdmin";
    public const string SignInLimiter = "sign-in";

    public static IServiceCollection AddConfigAdminSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section)
            .Validate(o => string.IsNullOrEmpty(o.BootstrapApiKey) || o.BootstrapApiKey.Length >= SecurityOptions.MinimumBootstrapKeyLength,
                $"Security:BootstrapApiKey must be at least {SecurityOptions.MinimumBootstrapKeyLength} characters.")
            .Validate(o => o.SignInAttemptsPerMinute > 0, "Security:SignInAttemptsPerMinute must be > 0.")
            .ValidateOnStart();

        SignInContext.AddSignInManager(services.AddConfigAdminIdentity());

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

        services.AddAuthorization(Policies.Add);
        services.AddScoped<IAuthorizationHandler, CallerRequirementHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<CircuitHandler, CallerCircuitHandler>();
        services.AddHostedService<ApiKeyUsageFlusher>();
        services.AddScoped<Users.UserAccounts>();
        services.AddScoped<Users.UserAdminService>();
        services.AddScoped<FirstRun>();

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
        // A disabled or deleted user's cookie stops working on the next request, not when it expires.
        o.Events.OnValidatePrincipal = async ctx =>
        {
            var directory = ctx.HttpContext.RequestServices.GetRequiredService<AccessDirectory>();
            if (UserId(ctx.Principal) is not { } id || directory.FindUser(id) is null)
            {
                ctx.RejectPrincipal();
                return;
            }
            await SecurityStampValidator.ValidatePrincipalAsync(ctx);
        };
    }

    /// <summary>After authentication: the request's caller, for the policies and every service it calls.</summary>
    public static WebApplication UseConfigAdminCaller(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            var context = http.RequestServices.GetRequiredService<ChangeContext>();
            if (ApiKeyAuthenticationHandler.CallerOf(http) is { } key) context.ActAs(key);
            else if (UserId(http.User) is { } id) context.ActAsUser(id);
            return next(http);
        });
        return app;
    }

    public static Guid? UserId(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && user.Identity.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName
        && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The caller anonymous client reads act as, when <c>Security:AnonymousClientReads</c> is on: secret keys left out.</summary>
    public static readonly Caller AnonymousReader = new(CallerKind.Anonymous, "anonymous", [new Grant(Role.Client, null)]);

    /// <summary>The caller a client read acts as: the request's, or the anonymous reader where anonymous reads are allowed.</summary>
    public static Caller ClientReadCaller(this HttpContext http, Caller caller) =>
        caller.IsAuthenticated || !http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AnonymousClientReads
            ? caller : AnonymousReader;
}
