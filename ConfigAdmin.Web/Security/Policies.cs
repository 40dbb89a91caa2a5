using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// Route-level policies: who may reach a route at all. Whether the caller may touch the application a request names
/// is the services' check (Core/Access), the same for the UI and REST.
/// </summary>
public static class Policies
{
    /// <summary>The admin surface: viewer, editor or admin on some application (not a client key).</summary>
    public const string Viewer = "viewer";

    /// <summary>Admin of every application: environments, users, API keys, new applications.</summary>
    public const string GlobalAdmin = "global-admin";

    /// <summary>The client read and its live forms: any key or user (the service checks application and environment), or anyone when anonymous reads are on.</summary>
    public const string ClientRead = "client-read";

    public static void Add(AuthorizationOptions o)
    {
        // Secure by default: a route that names no policy still needs an identity.
        o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        o.AddPolicy(Viewer, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(c => c.HasAdminSurface)));
        o.AddPolicy(GlobalAdmin, p => p.RequireAuthenticatedUser().AddRequirements(new CallerRequirement(c => c.IsGlobalAdmin)));
        o.AddPolicy(ClientRead, p => p.AddRequirements(new ClientReadRequirement()));
    }
}

/// <summary>Met when the request's caller (as <see cref="ChangeContext"/> holds it) passes the test.</summary>
public sealed class CallerRequirement(Func<Caller, bool> test) : IAuthorizationRequirement
{
    public bool IsMetBy(Caller caller) => test(caller);
}

/// <summary>Met by any identity, or by no identity when <c>Security:AnonymousClientReads</c> is on.</summary>
public sealed class ClientReadRequirement : IAuthorizationRequirement;

public sealed class CallerRequirementHandler(ChangeContext context, IOptions<SecurityOptions> options)
    : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext authorization)
    {
        var caller = context.Caller;
        foreach (var requirement in authorization.PendingRequirements.ToList())
        {
            var met = requirement switch
            {
                CallerRequirement r => caller.IsAuthenticated && r.IsMetBy(caller),
                ClientReadRequirement => caller.IsAuthenticated || options.Value.AnonymousClientReads,
                _ => (bool?)null,
            };
            if (met == true) authorization.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
