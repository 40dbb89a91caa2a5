using ConfigAdmin.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// Gives Identity's <see cref="SignInManager{TUser}"/>, the one service here that needs the current request from DI,
/// its request through the request's scope instead of a process-wide <see cref="IHttpContextAccessor"/>. While any
/// <see cref="IHttpContextAccessor"/> is registered, ASP.NET Core's hosting layer stops reusing HttpContext objects
/// between the requests of a connection and sets an AsyncLocal on every request: about 400 bytes per request, the
/// client read's fast path included, which otherwise allocates almost nothing (docs/benchmarks.md, ADR 0007).
/// </summary>
public sealed class SignInContext : IHttpContextAccessor
{
    public HttpContext? HttpContext { get; set; }

    /// <summary>Registers the sign-in manager with this scope-bound context, and no process-wide accessor.</summary>
    public static void AddSignInManager(IdentityBuilder identity)
    {
        identity.AddSignInManager();
        var services = identity.Services;
        services.RemoveAll<IHttpContextAccessor>();
        services.AddScoped<SignInContext>();
        services.Replace(ServiceDescriptor.Scoped(sp => ActivatorUtilities.CreateInstance<SignInManager<ConfigAdminUser>>(
            sp, (IHttpContextAccessor)sp.GetRequiredService<SignInContext>())));
    }

    /// <summary>
    /// Authenticates each request, the request known to its scope first: the sign-in cookie's security-stamp check
    /// signs out through the sign-in manager during authentication.
    /// </summary>
    public static WebApplication UseAuthentication(WebApplication app)
    {
        app.Use((http, next) =>
        {
            http.RequestServices.GetRequiredService<SignInContext>().HttpContext = http;
            return next(http);
        });
        app.UseAuthentication();
        return app;
    }
}
