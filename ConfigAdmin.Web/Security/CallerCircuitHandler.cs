using ConfigAdmin.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ConfigAdmin.Web.Security;

/// <summary>A circuit's services act as its signed-in user, whose grants and session are read live from the access directory.</summary>
public sealed class CallerCircuitHandler(AuthenticationStateProvider authentication, ChangeContext context, CallerResolver callers) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        callers.Attach((await authentication.GetAuthenticationStateAsync()).User, context);
        authentication.AuthenticationStateChanged += async state => callers.Attach((await state).User, context);
    }
}
