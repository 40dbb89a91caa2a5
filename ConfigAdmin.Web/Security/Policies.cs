using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// Route-level policies: who may reach a route at all. The rules are Core's (<see cref="Caller"/>,
/// <see cref="Permissions"/>); services check them again for the application a request names, the same for the UI
/// and REST. A new route takes one of these, and a row in <c>Security/RoleMatrixTests</c>.
/// </summary>
public static class Policies
{
    /// <summary>The admin surface: viewer, editor or admin on some application (not a client key).</summary>
    public const string Viewer = "viewer";

    /// <summary>
    /// Editor or admin on the application the route names (<c>{name}</c>). An application the caller cannot see passes
    /// through, so the service answers the same 404 as for one that does not exist.
    /// </summary>
    public const string EditApplication = "edit-application";

    /// <summary>Admin of every application: environments, users, API keys, new applications.</summary>
    public const string GlobalAdmin = "global-admin";

    /// <summary>The client read and its live forms: any key or user (the service checks application and environment), or anyone when anonymous reads are on.</summary>
    public const string ClientRead = "client-read";

    /// <summary><c>/metrics</c>: admins of every application and monitor keys (the metrics name every application).</summary>
    public const string Metrics = "metrics";

    /// <summary>A rollout's signal: the admin surface (the service wants editor or admin on the application) or a monitor key.</summary>
    public const string RolloutSignal = "rollout-signal";

    public static void Add(AuthorizationOptions o)
    {
        // Secure by default: a route that names no policy still needs an identity.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(Viewer, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(c => c.HasAdminSurface)));
        o.AddPolicy(EditApplication, p => p.RequireAuthenticatedUser()
            .AddRequirements(new CallerRequirement(c => c.HasAdminSurface), new ApplicationRequirement(AppPermission.Edit)));
        o.AddPolicy(GlobalAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(c => c.IsGlobalAdmin)));
        o.AddPolicy(ClientRead, p => p.AddRequirements(new ClientReadRequirement()));
        o.AddPolicy(Metrics, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(c => c.ReadsMetrics)));
        o.AddPolicy(RolloutSignal, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(c => c.HasAdminSurface || c.IsMonitor)));
    }
}

/// <summary>Met when the request's caller (as <see cref="ChangeContext"/> holds it) passes the test.</summary>
public sealed class CallerRequirement(Func<Caller, bool> test) : IAuthorizationRequirement
{
    public bool IsMetBy(Caller caller) => test(caller);
}

/// <summary>Met when the caller may do <see cref="Permission"/> to the application the route names, or cannot see it at all.</summary>
public sealed class ApplicationRequirement(AppPermission permission) : IAuthorizationRequirement
{
    public const string RouteValue = "name";

    public AppPermission Permission => permission;
}

/// <summary>
/// Met by any identity that reads configuration (a monitor key does not); by no identity only when <c>Security:AnonymousClientReads</c> is on and the request sent no
/// bearer (a revoked or expired key is a 401, never the anonymous view).
/// </summary>
public sealed class ClientReadRequirement : IAuthorizationRequirement;

/// <summary>The one authorization handler: every requirement above, decided by the request's caller.</summary>
public sealed class CallerRequirementHandler(ChangeContext context, ApplicationService applications, IOptions<SecurityOptions> options)
    : IAuthorizationHandler
{
    /// <summary>Why an application requirement failed, for the 403 problem's detail.</summary>
    public static readonly object ReasonItem = new();

    public async Task HandleAsync(AuthorizationHandlerContext authorization)
    {
        var caller = context.Caller;
        var http = authorization.Resource as HttpContext;
        foreach (var requirement in authorization.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                CallerRequirement r => caller.IsAuthenticated && r.IsMetBy(caller),
                ClientReadRequirement => (caller.IsAuthenticated && caller.ReadsConfiguration)
                                         || (!caller.IsAuthenticated && options.Value.AnonymousClientReads && http is not null && !ApiKeyAuthenticationHandler.TryGetBearer(http.Request, out _)),
                ApplicationRequirement r => await AllowsAsync(http, r.Permission),
                _ => (bool?)null,
            };
            if (met == true) authorization.Succeed(requirement);
        }
    }

    private async Task<bool> AllowsAsync(HttpContext? http, AppPermission permission)
    {
        if (http?.GetRouteValue(ApplicationRequirement.RouteValue) is not string name) return false;
        var role = await applications.RoleOnAsync(name, http.RequestAborted);
        // Not there, or not the caller's to see: the service answers the same 404 for both.
        if (!role.Allows(AppPermission.Read) || role.Allows(permission)) return true;
        http.Items[ReasonItem] = permission == AppPermission.Administer
            ? $"Changing or deleting '{name}' needs the admin role on it."
            : $"This needs the editor role on '{name}'.";
        return false;
    }
}
