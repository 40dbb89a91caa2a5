namespace ConfigAdmin.Tests.Client.Infrastructure;

/// <summary>
/// The one place the client tests get their API key. The server does not check keys yet, so any value works and the
/// tests only see it arrive as <c>Authorization: Bearer</c>. When the server requires client keys (design §7), create
/// one here (role <c>client</c>, this application and environment) through the admin API.
/// </summary>
public static class ClientTestKeys
{
    public static Task<string> ForAsync(ConfigAdminServer server, string application, string environment)
    {
        _ = (server, application, environment);
        return Task.FromResult("ca_test-client-key-" + application);
    }
}
