using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// Two instances of the app on one PostgreSQL database, both dispatching: each node hears of every change (its own, and
/// the other's through LISTEN/NOTIFY) and reaches for the same deliveries at once; the lease gives each to one of them.
/// </summary>
[Trait("Category", "Database")]
public sealed class WebhookTwoNodeTests : IAsyncLifetime
{
    private const int Writes = 30, Receivers = 3;
    private readonly LoopbackOnlyResolver _resolver = new();
    private TwoNodes _nodes = default!;
    private WebApplicationFactory<Program> _a = default!, _b = default!;

    public async Task InitializeAsync()
    {
        _nodes = await TwoNodes.StartAsync(b =>
        {
            b.UseSetting("Webhooks:AllowPrivateTargets", "true");
            b.ConfigureTestServices(s => s.AddSingleton<IWebhookResolver>(_resolver));
        });
        (_a, _b) = (_nodes.A, _nodes.B);
    }

    [Fact]
    public async Task TwoNodes_DeliverEachEventOnce_InOrder()
    {
        var nodeA = _a.CreateClient().WithKey();
        var nodeB = _b.CreateClient().WithKey();
        var app = A.Name("two");
        await (await nodeA.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCodeAsync();
        var key = (await (await nodeA.PostJsonAsync("/v1/configs", A.Config(app, "Step", Core.Configs.ConfigValueType.Integer, "0"))).JsonAsync())
            .GetProperty("id").GetString();
        var receivers = new List<(WebhookReceiver Receiver, string Secret, string Id)>();
        for (var i = 0; i < Receivers; i++)
        {
            var receiver = await WebhookReceiver.StartAsync();
            var created = await (await nodeA.PostJsonAsync("/v1/webhooks",
                new { url = receiver.Url, events = new[] { "config.changed" }, applications = new[] { app } })).JsonAsync();
            receivers.Add((receiver, created.GetProperty("secret").GetString()!, created.GetProperty("id").GetString()!));
        }

        for (var i = 1; i <= Writes; i++)
        {
            var node = i % 2 == 0 ? nodeA : nodeB;
            await (await node.PutJsonAsync($"/v1/configs/{key}/overrides/production", new { value = i.ToString() })).EnsureSuccessStatusCodeAsync();
        }

        try
        {
            foreach (var (receiver, secret, id) in receivers)
            {
                await receiver.WaitForCountAsync(Writes);
                // A delivery sent twice (two nodes racing for one lease) would arrive within the lease's margin: only time
                // passing shows none does. The log is complete once every delivery is marked.
                await RealTime.PassAsync(TimeSpan.FromMilliseconds(500));
                var received = receiver.Requests;
                Assert.Equal(Writes, received.Count);
                Assert.Equal(Writes, received.Select(r => r.Id).Distinct().Count());
                Assert.All(received, r => Assert.True(r.IsSignedWith(secret)));
                Assert.Equal(Enumerable.Range(1, Writes).Select(i => i.ToString()),
                    received.Select(r => r.Data.GetProperty("changes")[0].GetProperty("to").GetString()));
                var log = (await (await nodeB.GetAsync($"/v1/webhooks/{id}/deliveries?pageSize=500")).JsonAsync()).GetProperty("items");
                Assert.Equal(Writes, log.GetArrayLength());
                Assert.All(log.EnumerateArray(), a => Assert.Equal(1, a.GetProperty("attempt").GetInt32()));
            }
        }
        finally
        {
            foreach (var (receiver, _, _) in receivers) await receiver.DisposeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _nodes.DisposeAsync();
    }
}
