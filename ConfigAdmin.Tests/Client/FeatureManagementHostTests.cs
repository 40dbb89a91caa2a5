using System.Diagnostics;
using ConfigAdmin.Client;
using ConfigAdmin.Tests.Client.Infrastructure;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace ConfigAdmin.Tests.Client;

/// <summary>
/// Microsoft.FeatureManagement 4.7.0 in a real generic host, reading ConfigAdmin's flags through ConfigAdmin.Client and
/// nothing else (design §13): live toggles, the three built-in filters and variants give the library's documented results.
/// </summary>
[Trait("Category", "Database")]
[Collection(ClientCollection.Name)]
public sealed class FeatureManagementHostTests : ClientTestBase
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task TogglingAFlag_ChangesIsEnabledAsync_WithinOneSecond()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        await PutAsync(server, app, "Checkout", new { enabled = false });
        await PutAsync(server, app, "Everyone", new { enabled = true, conditions = new { client_filters = new[] { new { name = "Percentage", parameters = new { Value = 100 } } } } });
        await PutAsync(server, app, "Nobody", new { enabled = true, conditions = new { client_filters = new[] { new { name = "Microsoft.Percentage", parameters = new { Value = 0 } } } } });
        await PutAsync(server, app, "Window", new
        {
            enabled = true,
            conditions = new { client_filters = new[] { new { name = "Microsoft.TimeWindow", parameters = new { Start = "Mon, 01 Jan 2024 00:00:00 GMT", End = "2999-01-01T00:00:00Z" } } } },
        });
        using var host = await StartHostAsync(server, app);
        var features = host.Services.GetRequiredService<IFeatureManager>();
        Assert.False(await features.IsEnabledAsync("Checkout"));
        Assert.True(await features.IsEnabledAsync("Everyone"));
        Assert.False(await features.IsEnabledAsync("Nobody"));
        Assert.True(await features.IsEnabledAsync("Window"));
        Assert.Equal(["Checkout", "Everyone", "Nobody", "Window"], await ToListAsync(features.GetFeatureNamesAsync()));
        await Task.Delay(Settle);

        await PutAsync(server, app, "Checkout", new { enabled = true });
        var written = Stopwatch.GetTimestamp();

        while (!await features.IsEnabledAsync("Checkout"))
        {
            Assert.True(Stopwatch.GetElapsedTime(written) < TimeSpan.FromSeconds(5), "the flag was not on within 5 s of the write");
            await Task.Delay(10);
        }
        var latency = Stopwatch.GetElapsedTime(written);
        Assert.True(latency <= TimeSpan.FromSeconds(1), $"IsEnabledAsync turned true {latency.TotalMilliseconds:0} ms after the write's response");
    }

    [Fact]
    public async Task Targeting_UsersGroupsExclusionsAndTheDefaultRollout_AsTheLibraryDocumentsThem()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        await PutAsync(server, app, "Beta", Targeting(defaultRollout: 0));
        using var host = await StartHostAsync(server, app);
        var features = host.Services.GetRequiredService<IFeatureManager>();

        Assert.True(await features.IsEnabledAsync("Beta", User("ann")));                  // listed user
        Assert.True(await features.IsEnabledAsync("Beta", User("carl", "testers")));      // group at 100 %
        Assert.False(await features.IsEnabledAsync("Beta", User("dora", "nobody")));      // group at 0 %
        Assert.False(await features.IsEnabledAsync("Beta", User("bob")));                 // excluded user, though listed
        Assert.False(await features.IsEnabledAsync("Beta", User("erin", "testers", "banned"))); // excluded group wins
        Assert.False(await features.IsEnabledAsync("Beta", User("zed")));                 // default rollout 0 %

        var reloaded = ReloadedAsync(host);
        await PutAsync(server, app, "Beta", Targeting(defaultRollout: 100));
        await reloaded;
        await EventuallyAsync(async () => await features.IsEnabledAsync("Beta", User("zed")));
        Assert.False(await features.IsEnabledAsync("Beta", User("bob")));
    }

    [Fact]
    public async Task Variants_AllocatedByUserGroupPercentileAndDefault_ThroughIVariantFeatureManager()
    {
        var server = await StartServerAsync();
        var app = await server.CreateApplicationAsync();
        await PutAsync(server, app, "Banner", new
        {
            enabled = true,
            variants = new object[]
            {
                new { name = "Big", configuration_value = new { Size = 10 } },
                new { name = "Small", configuration_value = "small" },
                new { name = "Off", status_override = "Disabled" },
            },
            allocation = new
            {
                default_when_enabled = "Small", default_when_disabled = "Small",
                user = new[] { new { variant = "Big", users = new[] { "ann" } }, new { variant = "Off", users = new[] { "olga" } } },
                group = new[] { new { variant = "Big", groups = new[] { "vip" } } },
            },
        });
        await PutAsync(server, app, "Everyone", new
        {
            enabled = true,
            variants = new object[] { new { name = "A", configuration_value = "a" }, new { name = "B", configuration_value = "b" } },
            allocation = new { percentile = new[] { new { variant = "B", from = 0, to = 100 } }, seed = "fixed" },
        });
        using var host = await StartHostAsync(server, app);
        var variants = host.Services.GetRequiredService<IVariantFeatureManager>();

        var ann = await variants.GetVariantAsync("Banner", User("ann"), CancellationToken.None);
        Assert.Equal("Big", ann.Name);
        Assert.Equal("10", ann.Configuration["Size"]);
        Assert.Equal("Big", (await variants.GetVariantAsync("Banner", User("vic", "vip"), CancellationToken.None)).Name);
        var other = await variants.GetVariantAsync("Banner", User("zed"), CancellationToken.None);
        Assert.Equal("Small", other.Name);
        Assert.Equal("small", other.Configuration.Value);
        Assert.True(await variants.IsEnabledAsync("Banner", User("zed"), CancellationToken.None));
        // A variant whose status_override is Disabled turns the flag off for whoever gets it.
        Assert.False(await variants.IsEnabledAsync("Banner", User("olga"), CancellationToken.None));
        Assert.Equal("b", (await variants.GetVariantAsync("Everyone", User("anyone"), CancellationToken.None)).Configuration.Value);

        var reloaded = ReloadedAsync(host);
        await PutAsync(server, app, "Banner", new
        {
            enabled = false,
            variants = new object[] { new { name = "Small", configuration_value = "small" } },
            allocation = new { default_when_disabled = "Small" },
        });
        await reloaded;
        await EventuallyAsync(async () => !await variants.IsEnabledAsync("Banner", User("ann"), CancellationToken.None));
        Assert.Equal("Small", (await variants.GetVariantAsync("Banner", User("ann"), CancellationToken.None)).Name);
    }

    private static object Targeting(int defaultRollout) => new
    {
        enabled = true,
        conditions = new
        {
            client_filters = new[]
            {
                new
                {
                    name = "Microsoft.Targeting",
                    parameters = new
                    {
                        Audience = new
                        {
                            Users = new[] { "ann", "bob" },
                            Groups = new[] { new { Name = "testers", RolloutPercentage = 100 }, new { Name = "nobody", RolloutPercentage = 0 } },
                            DefaultRolloutPercentage = defaultRollout,
                            Exclusion = new { Users = new[] { "bob" }, Groups = new[] { "banned" } },
                        },
                    },
                },
            },
        },
    };

    private static TargetingContext User(string id, params string[] groups) => new() { UserId = id, Groups = groups };

    /// <summary>A generic host whose only configuration is ConfigAdmin (production), with feature management on it.</summary>
    private async Task<IHost> StartHostAsync(ConfigAdminServer server, string app)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddConfigAdmin(await OptionsAsync(server, app));
        builder.Services.AddFeatureManagement();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task PutAsync(ConfigAdminServer server, string app, string id, object flag)
    {
        var response = await server.Http.PutJsonAsync($"/v1/applications/{app}/feature-flags/{id}?environment=production", flag);
        Assert.True(response.IsSuccessStatusCode, $"PUT flag {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Completes when the host's configuration reloads. Asking the feature manager only after that: a read racing the
    /// provider's swap of its data can see keys of both documents (Microsoft.Extensions.Configuration reads a section key
    /// by key), and the library then fails on a half-old definition (a user allocation without its users).
    /// </summary>
    private static Task ReloadedAsync(IHost host)
    {
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IConfiguration>().GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);
        return reloaded.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5), "not within 5 s");
            await Task.Delay(10);
        }
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> names)
    {
        var list = new List<string>();
        await foreach (var name in names) list.Add(name);
        return list;
    }
}
