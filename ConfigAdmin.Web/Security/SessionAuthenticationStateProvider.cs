using System.Security.Claims;
using ConfigAdmin.Core.Access;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace ConfigAdmin.Web.Security;

/// <summary>
/// A circuit's authentication state, checked again whenever who may do what reloads: a user who signed out (anywhere),
/// changed their password or was disabled becomes anonymous at once, and the page goes to the sign-in form, which
/// ends the circuit.
/// </summary>
public sealed class SessionAuthenticationStateProvider : ServerAuthenticationStateProvider, IDisposable
{
    private static readonly Task<AuthenticationState> Anonymous = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

    private readonly AccessDirectory _directory;
    private readonly CallerResolver _callers;

    public SessionAuthenticationStateProvider(AccessDirectory directory, CallerResolver callers)
    {
        _directory = directory;
        _callers = callers;
        _directory.Reloaded += CheckSession;
    }

    private async void CheckSession()
    {
        try
        {
            var user = (await GetAuthenticationStateAsync()).User;
            if (CallerResolver.UserId(user) is not null && _callers.FromSession(user) is null) SetAuthenticationState(Anonymous);
        }
        catch (Exception)
        {
            // Raised on the thread that reloaded access: a scope without state yet (it never rendered a page) has nothing
            // to end, and nothing here may take that thread down.
        }
    }

    public void Dispose() => _directory.Reloaded -= CheckSession;
}
