using ConfigAdmin.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ConfigAdmin.Web.Security;

/// <summary>A circuit's services act as its signed-in user, whose grants are read live from the access directory.</summary>
public sealed class CallerCircuitHandler(AuthenticationStateProvider authentication, ChangeContext context) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Apply((await authentication.GetAuthenticationStateAsync()).User);
        authentication.AuthenticationStateChanged += async state => Apply((await state).User);
    }

    private void Apply(System.Security.Claims.ClaimsPrincipal user)
    {
        if (SecuritySetup.UserId(user) is { } id) context.ActAsUser(id);
        else context.ActAs(Core.Access.Caller.Anonymous);
    }
}
