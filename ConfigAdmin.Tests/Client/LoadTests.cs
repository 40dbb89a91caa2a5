using System.Reflection;
using System.Text.RegularExpressions;
using ConfigAdmin.Client;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Tests.Client.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Tests.Client;

/// <summary>The first load against the real server: values, types, binding, what goes over the wire.</summary>
[Trait("Category", "Database")]
public sealed class LoadTests : ClientTestBase
{
    public sealed class CheckoutOptions
    {
        public string Name { get; set; } = "";
        public long MaxItems { get; set; }
        public decimal Ratio { get; set; }
        public bool Enabled { get; set; }
        public RetryOptions Retry { get; set; } = new();
        public List<string> Hosts { get; set; } = [];
        public string ApiKey { get; set; } = "";
        public string Fallback { get; set; } = "app default";
    }

    public sealed class RetryOptions
    {
        public int Count { get; set; }
        public TimeSpan Delay { get; set; }
        public List<int> Codes { get; set; } = [];
    }

    private static async Task<string> SeedEveryTypeAsync(ConfigAdminServer server)
    {
        var app = await server.CreateApplicationAsync();
        await server.AddConfigAsync(app, "Checkout:Name", ConfigValueType.String, "dev shop", new() { ["production"] = "Main shop" });
        await server.AddConfigAsync(app, "Checkout:MaxItems", ConfigValueType.Integer, "9007199254740993");
        await server.AddConfigAsync(app, "Checkout:Ratio", ConfigValueType.Number, "0.25");
        await server.AddConfigAsync(app, "Checkout:Enabled", ConfigValueType.Boolean, "false", new() { ["production"] = "true" });
        await server.AddConfigAsync(app, "Checkout:Retry", ConfigValueType.Json, """{"count":3,"delay":"00:00:01.5","codes":[500,503]}""");
        await server.AddConfigAsync(app, "Checkout:Hosts", ConfigValueType.Json, """["a.example.com","b.example.com"]""");
        await server.AddConfigAsync(app, "Checkout:ApiKey", ConfigValueType.String, "sk_live_123", secret: true);
        await server.AddConfigAsync(app, "Checkout:Fallback", ConfigValueType.String, null, new() { ["staging"] = "staging only" });
        return app;
    }

    [Fact]
    public async Task Load_EveryValueType_BindsTypedOptions()
    {
        var server = await StartServerAsync();
        var app = await SeedEveryTypeAsync(server);

        var configuration = Build(await OptionsAsync(server, app));
        var services = new ServiceCollection().Configure<CheckoutOptions>(configuration.GetSection("Checkout")).BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<CheckoutOptions>>().CurrentValue;

        Assert.Equal("Main shop", options.Name);                       // production's override
        Assert.Equal(9007199254740993, options.MaxItems);              // 64-bit, exact
        Assert.Equal(0.25m, options.Ratio);
        Assert.True(options.Enabled);
        Assert.Equal(3, options.Retry.Count);                          // json → section, "count" binds Count
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Retry.Delay);
        Assert.Equal([500, 503], options.Retry.Codes);                 // arrays → :0, :1
        Assert.Equal(["a.example.com", "b.example.com"], options.Hosts);
        Assert.Equal("sk_live_123", options.ApiKey);                   // secrets arrive in clear
        Assert.Equal("app default", options.Fallback);                 // no value in production: the app's default stays
    }

    [Fact]
    public async Task Load_RawValues_AreInvariantStringsUnderCaseInsensitiveKeys()
    {
        var server = await StartServerAsync();
        var app = await SeedEveryTypeAsync(server);

        var configuration = Build(await OptionsAsync(server, app));

        Assert.Equal("9007199254740993", configuration["Checkout:MaxItems"]);
        Assert.Equal("0.25", configuration["checkout:ratio"]);
        Assert.Equal("true", configuration["CHECKOUT:ENABLED"]);
        Assert.Equal("503", configuration["Checkout:Retry:codes:1"]);
        Assert.Null(configuration["Checkout:Retry"]);
        Assert.Null(configuration["Checkout:Fallback"]);
        Assert.NotNull(ProviderOf(configuration).AppliedETag);
        Assert.Contains(Logs.Entries, e => e.Message.Contains($"Loaded the configuration of {app} (production)"));
    }

    [Fact]
    public async Task AddConfigAdmin_FromASectionOfTheConfigurationBeingBuilt()
    {
        var server = await StartServerAsync();
        var app = await SeedEveryTypeAsync(server);
        var key = await ClientTestKeys.ForAsync(server, app, "staging");
        var manager = new ConfigurationManager();
        manager.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConfigAdmin:ServerUrl"] = server.BaseAddress.ToString(),
            ["ConfigAdmin:Application"] = app,
            ["ConfigAdmin:Environment"] = "staging",
            ["ConfigAdmin:ApiKey"] = key,
            ["ConfigAdmin:StartupTimeout"] = "00:00:05",
        });

        // As in Program.cs: builder.Configuration.AddConfigAdmin(builder.Configuration.GetSection("ConfigAdmin")).
        manager.AddConfigAdmin(manager.GetSection("ConfigAdmin"), o => o.LoggerFactory = Logs);

        try
        {
            Assert.Equal("dev shop", manager["Checkout:Name"]);
            Assert.Equal("staging only", manager["Checkout:Fallback"]);
            Assert.Equal($"Bearer {key}", server.Requests.All.Last().Authorization);
        }
        finally
        {
            manager.Dispose();
        }
    }

    [Fact]
    public async Task EveryRequest_CarriesTheClientHeader_TheKey_AndTheAppliedETag()
    {
        var server = await StartServerAsync();
        var app = await SeedEveryTypeAsync(server);
        var key = await ClientTestKeys.ForAsync(server, app, "production");

        // Short waits either way: a server that holds polls answers each after 1 s, one that does not is asked every 100 ms.
        var configuration = Build(OptionsFor(server.BaseAddress, app, apiKey: key, more: o =>
        {
            o.LongPollWait = TimeSpan.FromSeconds(1);
            o.FallbackPollInterval = TimeSpan.FromMilliseconds(100);
        }));
        var provider = ProviderOf(configuration);
        Assert.True(await Eventually.TrueAsync(() => server.Requests.Of(provider.InstanceId).Count >= 3, TimeSpan.FromSeconds(10)));
        var other = ProviderOf(Build(OptionsFor(server.BaseAddress, app, apiKey: key)));

        var reads = server.Requests.Of(provider.InstanceId);
        var version = typeof(ConfigAdminClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        foreach (var read in reads)
        {
            var header = Regex.Match(read.ClientHeader!, "^(?<id>[0-9a-f-]{36}); host=(?<host>[^;]+); version=(?<version>[^;]+)$");
            Assert.True(header.Success, read.ClientHeader);
            Assert.Equal(provider.InstanceId, header.Groups["id"].Value);
            Assert.Equal(ClientHeader.Token(Environment.MachineName), header.Groups["host"].Value);
            Assert.Equal(version, header.Groups["version"].Value);
            Assert.Equal($"Bearer {key}", read.Authorization);
            Assert.Equal($"/v1/applications/{app}/config?environment=production", read.Path);
        }
        // The first load asks for an answer now; the polls after it send the applied ETag and ask the server to wait.
        Assert.Null(reads[0].IfNoneMatch);
        Assert.Null(reads[0].Prefer);
        Assert.All(reads.Skip(1), r => Assert.Equal(provider.AppliedETag, r.IfNoneMatch));
        Assert.All(reads.Skip(1), r => Assert.Equal("wait=1", r.Prefer));
        Assert.NotEqual(provider.InstanceId, other.InstanceId);
        Assert.Single(server.Requests.Of(other.InstanceId).Take(1));
    }

    [Fact]
    public async Task RunningClient_IsListedByTheServer_WithTheETagItApplied()
    {
        var server = await StartServerAsync();
        var app = await SeedEveryTypeAsync(server);
        var configuration = Build(await OptionsAsync(server, app));
        var provider = ProviderOf(configuration);

        var instance = await Eventually.Async(async () =>
        {
            var listed = await (await server.Http.GetAsync($"/v1/applications/{app}/clients?environment=production")).JsonAsync();
            return listed.GetProperty("items").EnumerateArray()
                .FirstOrDefault(i => i.GetProperty("instanceId").GetString() == provider.InstanceId);
            // The initial load registers the instance before it has applied anything; its first poll reports the ETag.
        }, found => found.ValueKind == System.Text.Json.JsonValueKind.Object
                    && found.GetProperty("appliedETag").GetString() == provider.AppliedETag, TimeSpan.FromSeconds(5));

        Assert.Equal(provider.AppliedETag, instance.GetProperty("appliedETag").GetString());
        Assert.True(instance.GetProperty("current").GetBoolean());
        Assert.Equal(System.Net.Dns.GetHostName(), instance.GetProperty("host").GetString());
        Assert.StartsWith("1.0.0", instance.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Load_UnknownApplication_FailsAtOnceNamingTheServerAndTheRefusal()
    {
        var server = await StartServerAsync();

        var key = await ClientTestKeys.ForEveryApplicationAsync(server);
        var started = DateTime.UtcNow;
        var error = Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(server.BaseAddress, "no-such-app", apiKey: key)));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "a refusal is not retried until StartupTimeout");
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("not_found", error.ProblemCode);
        Assert.Equal("no-such-app", error.Application);
        Assert.Contains(server.BaseAddress.ToString(), error.Message);
        Assert.Contains("'no-such-app' (environment 'production')", error.Message);
    }
}
