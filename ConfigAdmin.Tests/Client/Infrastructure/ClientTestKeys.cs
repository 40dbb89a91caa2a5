using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Client.Infrastructure;

/// <summary>The API keys the client library uses in these tests: a real client key per application and environment.</summary>
public static class ClientTestKeys
{
    /// <summary>Creates a client key (through the API, as the bootstrap admin) for one application in one environment.</summary>
    public static async Task<string> ForAsync(ConfigAdminServer server, string application, string environment) =>
        (await CreateAsync(server, [application], [environment])).Secret;

    /// <summary>A client key of every application: asking for one that does not exist is then a 404, not a 401.</summary>
    public static async Task<string> ForEveryApplicationAsync(ConfigAdminServer server) => (await CreateAsync(server, ["*"], ["*"])).Secret;

    /// <summary>A client key for one application in every environment, with its id (to revoke it).</summary>
    public static Task<(string Secret, string Id)> RevocableForAsync(ConfigAdminServer server, string application) =>
        CreateAsync(server, [application], ["*"]);

    private static async Task<(string Secret, string Id)> CreateAsync(ConfigAdminServer server, string[] applications, string[] environments)
    {
        var response = await server.Http.PostJsonAsync("/v1/api-keys", new
        {
            name = A.Name("client"), role = "client", applications, environments,
        });
        var created = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, created.ToString());
        return (created.GetProperty("secret").GetString()!, created.GetProperty("id").GetString()!);
    }
}
