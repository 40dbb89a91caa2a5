using System.Net.Http.Json;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>
/// A change rolled out gradually, in the browser: an admin applies an approved request with a canary picked from the
/// instances seen, follows the link to the rollout panel, sees the fleet by document and health (one instance failing),
/// pauses and promotes it, and clients read the new value. Writes the picture docs/rollouts.md shows.
/// </summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class RolloutPanelFlowTests(AppHostFixture app) : BrowserTestBase(app)
{
    private const string Key = "Payments:TimeoutSeconds";

    [Fact]
    public async Task AnAdminAppliesGradually_WatchesThePanel_Pauses_AndPromotes()
    {
        var name = await NewApplicationAsync("gradual", (configs, app) =>
            configs.CreateAsync(new(app, Key, ConfigValueType.Integer, "30", "Seconds before a payment call gives up.",
                Overrides: new Dictionary<string, string?> { ["production"] = "10" })));
        var secret = await App.WithServiceAsync<ApiKeyService, string>(async keys =>
            (await keys.CreateAsync(new ApiKeyInput(Unique("fleet"), Role.Client, [name]))).Secret!);
        using var fleet = new HttpClient { BaseAddress = App.BaseAddress };
        fleet.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        // The canary has read production before, so the dialog offers it.
        await ReadAsync(fleet, name, "checkout-canary");
        var requestId = await FileRequestAsync(name);

        var page = await NewPageAsync(1280, 1000);
        await page.GotoAsync($"applications/{name}/changes/{requestId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply gradually" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Make checkout-canary a canary" }).ClickAsync();
        await Expect(page.GetByTestId("canaries")).ToContainTextAsync("checkout-canary");
        await page.GetByLabel("Roll back above this share failing").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start rollout" }).ClickAsync();
        await Expect(page.GetByTestId("request-rollout")).ToContainTextAsync("Rolling out to production");
        await page.GetByTestId("request-rollout").GetByRole(AriaRole.Link).ClickAsync();
        var panel = page.GetByTestId("rollout-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("rollout-status")).ToHaveTextAsync("active");

        // The fleet reads: the canary and two instances the first stage covers get 15, two others 10; one that got 15 fails.
        var rolloutId = long.Parse(await panel.GetAttributeAsync("data-rollout") ?? "0");
        var (covered, outside) = Instances(rolloutId);
        var target = await ReadAsync(fleet, name, "checkout-canary");
        foreach (var instance in covered.Concat(outside)) await ReadAsync(fleet, name, instance);
        Assert.Contains($"\"{Key}\":15", target.Body);
        Assert.Contains($"\"{Key}\":10", (await ReadAsync(fleet, name, outside[0])).Body);
        (await fleet.PostAsJsonAsync($"/v1/applications/{name}/clients/{covered[0]}/health?environment=production",
            new { status = "failing", reason = "Options validation failed: Payments:TimeoutSeconds must be at least 20", etag = target.ETag }))
            .EnsureSuccessStatusCode();
        (await fleet.PostAsJsonAsync($"/v1/applications/{name}/clients/checkout-canary/health?environment=production",
            new { status = "ok", etag = target.ETag })).EnsureSuccessStatusCode();

        await Expect(panel.Locator("section[data-document='target'][data-health='failing']")).ToContainTextAsync(covered[0]);
        await Expect(panel.Locator("section[data-document='target'][data-health='ok']")).ToContainTextAsync("checkout-canary");
        await Expect(panel.Locator("section[data-document='base']")).ToContainTextAsync(outside[0]);
        await Expect(panel.GetByTestId("rollout-gate")).ToContainTextAsync("1 of 3 instances that applied the target report failing");
        await Expect(panel.Locator("[aria-current='step']")).ToContainTextAsync("left");
        await SaveScreenshotAsync(page, "rollout-panel.png");

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause rollout" }).ClickAsync();
        await Expect(panel.GetByTestId("rollout-status")).ToHaveTextAsync("paused");
        await Expect(panel.Locator("[aria-current='step']")).ToContainTextAsync("paused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Promote now" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Promote", Exact = true }).ClickAsync();
        await Expect(panel.GetByTestId("rollout-status")).ToHaveTextAsync("completed");

        Assert.Contains($"\"{Key}\":15", (await ReadAsync(fleet, name, null)).Body);
        await page.GotoAsync($"applications/{name}/changes/{requestId}");
        await Expect(page.GetByTestId("request-status")).ToHaveTextAsync("applied");
        await Expect(page.GetByTestId("request-rollout")).ToContainTextAsync("Rolled out to production");
    }

    /// <summary>A client read of production as <paramref name="instance"/> (its ConfigAdmin-Client header), or anonymous.</summary>
    private static async Task<(string Body, string ETag)> ReadAsync(HttpClient fleet, string app, string? instance)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/applications/{app}/config?environment=production");
        if (instance is not null) request.Headers.TryAddWithoutValidation("ConfigAdmin-Client", $"{instance}; host=host-{instance}; version=1.0.0");
        using var response = await fleet.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsStringAsync(), response.Headers.ETag!.Tag);
    }

    /// <summary>Files, as the bootstrap key, a request that sets production's value to 15 (production needs no approval here).</summary>
    private async Task<long> FileRequestAsync(string app)
    {
        using var admin = App.CreateHttpClient();
        var response = await admin.PostAsJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Give payments more time", operations = new[] { new { op = "setOverride", key = Key, environment = "production", value = "15" } },
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>Instance ids the rollout's first stage (10 %) covers, and some it does not.</summary>
    private static (List<string> Covered, List<string> Outside) Instances(long rollout)
    {
        var covered = new List<string>();
        var outside = new List<string>();
        for (var i = 0; covered.Count < 2 || outside.Count < 2; i++)
        {
            var id = $"checkout-{i}";
            var list = Cohort.Covers(rollout, id, 10, []) ? covered : outside;
            if (list.Count < 2) list.Add(id);
        }
        return (covered, outside);
    }
}
