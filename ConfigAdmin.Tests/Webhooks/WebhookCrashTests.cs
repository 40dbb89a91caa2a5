using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// The real app as its own process, killed with SIGKILL while its webhook events wait (the first one in flight to a
/// receiver that does not answer), then started again: every event of every acknowledged write is delivered, in
/// order, signed; only the one in flight may arrive twice.
/// </summary>
[Trait("Category", "Database")]
[Collection(LoadCollection.Name)]
public sealed class WebhookCrashTests(TestReport report) : IClassFixture<TestReport>
{
    private const int Writes = 20;

    // A short timeout and lease, so the claim the dead process held runs out quickly.
    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Webhooks:AllowPrivateTargets"] = "true", ["Webhooks:TimeoutSeconds"] = "2", ["Webhooks:LeaseSeconds"] = "4",
        ["Webhooks:PollIntervalMs"] = "200",
    };

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Sigkill_WithEventsWaiting_ThenRestart_DeliversEveryEventInOrder(Provider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        var answering = new TaskCompletionSource();
        HangUntil(receiver, answering.Task);
        string secret;
        using (var app = await AppProcess.StartAsync(database, Settings))
        {
            var name = A.Name("crash");
            await (await app.Client.PostJsonAsync("/v1/applications", A.Application(name))).EnsureSuccessStatusCodeAsync();
            var key = (await (await app.Client.PostJsonAsync("/v1/configs", A.Config(name, "Step", Core.Configs.ConfigValueType.Integer, "0"))).JsonAsync())
                .GetProperty("id").GetString();
            secret = (await (await app.Client.PostJsonAsync("/v1/webhooks",
                new { url = receiver.Url, events = new[] { "config.changed" }, applications = new[] { name } })).JsonAsync()).GetProperty("secret").GetString()!;
            for (var i = 1; i <= Writes; i++)
                await (await app.Client.PutJsonAsync($"/v1/configs/{key}/overrides/production", new { value = i.ToString() })).EnsureSuccessStatusCodeAsync();
            await receiver.WaitForCountAsync(1);
            await app.KillAsync();
        }
        var beforeRestart = receiver.Requests.Count;
        answering.SetResult();

        using var restarted = await AppProcess.StartAsync(database, Settings);
        var received = await receiver.WaitForAsync(r => r.Select(x => x.Id).Distinct().Count() == Writes, TimeSpan.FromSeconds(60));

        Assert.All(received, r => Assert.True(r.IsSignedWith(secret)));
        var firstArrivals = received.DistinctBy(r => r.Id).Select(r => r.Data.GetProperty("changes")[0].GetProperty("to").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, Writes).Select(i => i.ToString()), firstArrivals);
        var repeated = received.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(repeated.Count <= 1 && repeated.All(id => id == received[0].Id), $"only the event in flight may come twice: {repeated.Count}");
        report.Write($"webhook crash test ({provider}): SIGKILL with {Writes} events waiting ({beforeRestart} request(s) in flight); after restart " +
                     $"all {Writes} delivered in order in {received.Count} requests");
    }

    /// <summary>Until <paramref name="answer"/> completes, the receiver holds every request without answering.</summary>
    private static void HangUntil(WebhookReceiver receiver, Task answer) => receiver.Respond = async (_, ct) =>
    {
        await answer.WaitAsync(ct);
        return 200;
    };
}
