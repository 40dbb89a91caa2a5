using System.Net;
using System.Net.Http.Json;
using ConfigAdmin.Samples.FeatureFlags;
using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// An admin turns a flag on in staging on the Flags tab, and the sample app (Microsoft.FeatureManagement on
/// ConfigAdmin.Client, on its own Kestrel) opens the endpoint the flag gates.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class FlagFlowTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task TurningAFlagOnInStaging_OpensTheSamplesGatedEndpoint()
    {
        var name = await NewApplicationAsync("flagged", (_, _) => Task.CompletedTask);
        using var admin = App.CreateHttpClient();
        (await admin.PutAsJsonAsync($"/v1/applications/{name}/feature-flags/{SampleApp.Flag}?environment=staging", new { enabled = false }))
            .EnsureSuccessStatusCode();
        // A second flag, with targeting, so the documentation's picture shows one of each.
        (await admin.PutAsJsonAsync($"/v1/applications/{name}/feature-flags/Beta?environment=production", new
        {
            enabled = true,
            conditions = new { client_filters = new[] { new { name = "Microsoft.Targeting", parameters = new { Audience = new { Users = new[] { "ann" }, DefaultRolloutPercentage = 10 } } } } },
        })).EnsureSuccessStatusCode();
        var key = await (await admin.PostAsJsonAsync("/v1/api-keys", new
        {
            name = Unique("sample"), role = "client", applications = new[] { name }, environments = new[] { "staging" },
        })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var contentRoot = Directory.CreateTempSubdirectory("flags-sample-").FullName;
        await using var sample = SampleApp.Build(["--contentRoot", contentRoot, "--urls", "http://127.0.0.1:0"], b =>
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConfigAdmin:ServerUrl"] = App.BaseAddress.ToString(), ["ConfigAdmin:Application"] = name,
                ["ConfigAdmin:Environment"] = "staging", ["ConfigAdmin:ApiKey"] = key.GetProperty("secret").GetString(),
            }));
        await sample.StartAsync();
        var gated = new Uri(new Uri(sample.Urls.First()), "/new-checkout");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(gated)).StatusCode);

        var page = await NewPageAsync();
        await page.GotoAsync($"applications/{name}?tab=flags");
        var toggle = page.Locator($"tr[data-flag='{SampleApp.Flag}'] td[data-environment='staging'] input[type='checkbox']");
        await Expect(toggle).ToBeEnabledAsync();
        await Expect(toggle).Not.ToBeCheckedAsync();
        await toggle.ClickAsync(new() { Force = true });
        await Expect(page.GetByText($"{SampleApp.Flag} saved in staging.")).ToBeVisibleAsync();
        await Expect(toggle).ToBeCheckedAsync();
        await SaveScreenshotAsync(page, "flags-tab.png");

        var sampleTab = await Browser.NewPageAsync();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var response = await sampleTab.GotoAsync(gated.ToString());
                if (response?.Status == 200) break;
                await sampleTab.WaitForTimeoutAsync(100);
            }
            await Expect(sampleTab.GetByText("Welcome to the new checkout.")).ToBeVisibleAsync();
        }
        finally
        {
            await sampleTab.CloseAsync();
            await sample.StopAsync();
        }
    }
}
