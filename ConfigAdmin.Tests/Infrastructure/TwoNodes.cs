using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Two instances of the app on one fresh PostgreSQL database, as behind a load balancer, started one after the other
/// (each builds its host, and the first migrates, on its own), each with a client that sends the bootstrap admin key.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(WebApplicationFactory<Program> a, WebApplicationFactory<Program> b, HttpClient clientA, HttpClient clientB)
    {
        (A, B, ClientA, ClientB) = (a, b, clientA, clientB);
    }

    public WebApplicationFactory<Program> A { get; }
    public WebApplicationFactory<Program> B { get; }
    public HttpClient ClientA { get; }
    public HttpClient ClientB { get; }

    /// <param name="configure">Settings and services both nodes get beyond the test database's.</param>
    public static async Task<TwoNodes> StartAsync(Action<IWebHostBuilder>? configure = null)
    {
        var database = await TestDatabase.CreateAsync(Provider.Postgres);
        var a = Node(database, configure);
        var clientA = a.CreateClient().WithKey();
        await clientA.WaitReadyAsync();
        var b = Node(database, configure);
        var clientB = b.CreateClient().WithKey();
        await clientB.WaitReadyAsync();
        return new TwoNodes(a, b, clientA, clientB);
    }

    private static WebApplicationFactory<Program> Node(TestDatabase database, Action<IWebHostBuilder>? configure) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in database.Settings) b.UseSetting(key, value);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            configure?.Invoke(b);
        });

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
