using System.Text.Json;
using ConfigAdmin.Client;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Client.Infrastructure;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Tests.Client;

/// <summary>
/// Real hosts with the client library against a real server (design §14): an instance that cannot take the target
/// tells the server itself, and the rollout rolls back with no one watching.
/// </summary>
[Trait("Category", "Database")]
[Collection(ClientCollection.Name)]
public sealed class RolloutHealthTests : ClientTestBase
{
    public sealed class LimitsOptions
    {
        public int Timeout { get; set; }
    }

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AHostWhoseOptionsValidationRejectsTheTarget_ReportsFailing_AndTheRolloutRollsBackEveryHost()
    {
        var (server, app) = await ServerWithTimeoutAsync();
        var strict = await StartHostAsync(server, app, "strict-1", maxTimeout: 12);
        var lenient = await StartHostAsync(server, app, "lenient-1", maxTimeout: 100);
        var other = await StartHostAsync(server, app, "other-1", maxTimeout: 100);

        var rollout = await RollOutAsync(server, app, "15", canary: ["strict-1", "lenient-1"], maxFailingRatio: 0.4);

        var ended = await Eventually.Async(() => ReadAsync(server, rollout), r => r.GetProperty("status").GetString() != "active", Within);
        Assert.Equal("rolledBack", ended.GetProperty("status").GetString());
        Assert.Contains("report failing", ended.GetProperty("reason").GetString());
        var strictRow = ended.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "strict-1");
        Assert.Equal("failing", strictRow.GetProperty("health").GetString());
        Assert.Contains("Timeout", strictRow.GetProperty("reason").GetString());
        // Everyone is back on the base, and the strict host, which applies it cleanly, is healthy again by itself.
        foreach (var host in new[] { strict, lenient, other })
            Assert.True(await Eventually.TrueAsync(() => host.Services.GetRequiredService<IConfiguration>()["Limits:Timeout"] == "10", Within));
        Assert.Equal(10, strict.Services.GetRequiredService<IOptionsMonitor<LimitsOptions>>().CurrentValue.Timeout);
        Assert.True(await Eventually.TrueAsync(() => !strict.Services.GetRequiredService<ConfigAdminHealth>().IsFailing, Within));
        var request = await (await server.Http.GetAsync($"/v1/applications/{app}/change-requests/{ended.GetProperty("changeRequestId").GetInt64()}")).JsonAsync();
        Assert.Equal("rolledBack", request.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheAppReportingFailure_RollsBack_AndReportingHealthyClearsItsRow()
    {
        var (server, app) = await ServerWithTimeoutAsync();
        var canary = await StartHostAsync(server, app, "canary-1", maxTimeout: 100);
        await StartHostAsync(server, app, "plain-1", maxTimeout: 100);
        var rollout = await RollOutAsync(server, app, "15", canary: ["canary-1"], maxFailingRatio: 0);
        Assert.True(await Eventually.TrueAsync(() => canary.Services.GetRequiredService<IConfiguration>()["Limits:Timeout"] == "15", Within));
        var health = canary.Services.GetRequiredService<ConfigAdminHealth>();
        Assert.Equal(["canary-1"], health.InstanceIds);

        health.ReportFailure("checkout answers 500 with the new timeout");
        await health.ReportedAsync();

        var ended = await ReadAsync(server, rollout);
        Assert.Equal("rolledBack", ended.GetProperty("status").GetString());
        Assert.Equal("checkout answers 500 with the new timeout",
            ended.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "canary-1").GetProperty("reason").GetString());
        Assert.True(await Eventually.TrueAsync(() => canary.Services.GetRequiredService<IConfiguration>()["Limits:Timeout"] == "10", Within));
        health.ReportHealthy();
        await health.ReportedAsync();
        Assert.False(health.IsFailing);
    }

    [Fact]
    public void ConfigAdminHealth_NeedsAConfigurationWithAConfigAdminSource()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConfigAdminHealth(new ConfigurationBuilder().Build()));
        Assert.Contains("AddConfigAdmin", error.Message);
    }

    private async Task<(ConfigAdminServer Server, string App)> ServerWithTimeoutAsync()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        await server.AddConfigAsync(app, "Limits:Timeout", ConfigValueType.Integer, "30", new() { ["production"] = "10" });
        return (server, app);
    }

    /// <summary>A real host reading the application through the client library, its options validated on start and on every reload.</summary>
    private async Task<IHost> StartHostAsync(ConfigAdminServer server, string app, string instanceId, int maxTimeout)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfigAdmin(await OptionsAsync(server, app, more: o => o.InstanceId = instanceId));
        builder.Services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection("Limits"))
            .Validate(o => o.Timeout <= maxTimeout, $"Timeout must be at most {maxTimeout} seconds on this host.").ValidateOnStart();
        builder.Services.AddConfigAdminHealth();
        var host = builder.Build();
        await host.StartAsync();
        Hosts.Add(host);
        return host;
    }

    private List<IHost> Hosts { get; } = [];

    public override async Task DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.StopAsync();
            // The host's configuration holds the client's poll: stop it with the host.
            (host.Services.GetRequiredService<IConfiguration>() as IDisposable)?.Dispose();
            host.Dispose();
        }
        await base.DisposeAsync();
    }

    /// <summary>Files a request setting production's timeout and applies it as a rollout: canaries alone for an hour, then everyone.</summary>
    private static Task<long> RollOutAsync(ConfigAdminServer server, string app, string value, string[] canary, double maxFailingRatio) =>
        server.Http.RollOutAsync(app, "Limits:Timeout", "production", value,
            new { canary, stages = new object[] { new { percent = 0, bakeSeconds = 3600 }, new { percent = 100 } }, maxFailingRatio });

    private static async Task<JsonElement> ReadAsync(ConfigAdminServer server, long rollout) =>
        await (await server.Http.GetAsync($"/v1/rollouts/{rollout}")).JsonAsync();
}
