using System.Net;
using System.Net.Http.Headers;
using ConfigAdmin.Tests.Client.Infrastructure;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// The client read's fast path keeps a bearer's hash on the connection (Kestrel hands back the same header string while
/// the bytes repeat): on one kept-alive connection, a different key is judged as itself, and a revoked key is refused
/// on its next request. On real Kestrel: the in-memory test server has no per-connection state.
/// </summary>
[Trait("Category", "Database")]
public sealed class KeepAliveKeyTests : ClientTestBase
{
    [Fact]
    public async Task OneConnection_KeysTakeTurns_EachIsJudgedAsItself_AndARevokedKeyIsRefusedNext()
    {
        var server = await StartServerAsync();
        var (mine, other) = (await server.CreateApplicationAsync(), await server.CreateApplicationAsync());
        (await server.Http.PostJsonAsync("/v1/configs", A.Config(mine, "Greeting", defaultValue: "hello"))).EnsureSuccessStatusCode();
        var (mineKey, mineKeyId) = await ClientTestKeys.RevocableForAsync(server, mine);
        var (otherKey, _) = await ClientTestKeys.RevocableForAsync(server, other);
        var connections = 0;
        using var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, ct) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        }) { BaseAddress = server.BaseAddress };
        var url = $"/v1/applications/{mine}/config?environment=production";
        Task<HttpResponseMessage> ReadAsync(string key) =>
            http.SendAsync(new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } });

        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { mineKey, mineKey, mineKey, otherKey, otherKey, mineKey })
            statuses.Add((await ReadAsync(key)).StatusCode);
        (await server.Http.DeleteAsync($"/v1/api-keys/{mineKeyId}")).EnsureSuccessStatusCode();
        var revoked = (await ReadAsync(mineKey)).StatusCode;

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.OK], statuses);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked);
        Assert.Equal(1, connections);
    }
}
