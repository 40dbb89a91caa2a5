using System.Text.RegularExpressions;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>Change management in a real browser: restore to a moment, compare and promote, import with a preview, text mode.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class ChangeManagementTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task Restore_FromTheHistoryTab_ToTheMomentBeforeTheEdits_ShowsInTheUiAndTheClientRead()
    {
        var name = await NewApplicationAsync("chg", ("Greeting", ConfigValueType.String, "hello", null), ("Limits:Max", ConfigValueType.Integer, "42", "100"));
        using var http = App.CreateHttpClient();
        var before = await http.GetAsync($"/v1/applications/{name}/config?environment=production");
        var original = await before.Content.ReadAsStringAsync();
        var page = await NewPageAsync();
        var shop = new ApplicationPageObject(page);
        await shop.GotoAsync(name);

        await shop.SetOverrideAsync("Limits:Max", "production", "integer", "500");
        await shop.SetOverrideAsync("Greeting", "production", "string", "bye");
        Assert.Equal("""{"Greeting":"bye","Limits:Max":500}""", await http.GetStringAsync($"/v1/applications/{name}/config?environment=production"));

        await shop.OpenTabAsync("History");
        await Expect(page).ToHaveURLAsync(new Regex("tab=history$"));
        var history = new HistoryTabPageObject(page);
        await history.ViewAfterAsync("Limits:Max", index: 0);
        await Expect(history.MomentRow("Limits:Max")).ToContainTextAsync("changed");
        await Expect(history.MomentRow("Limits:Max").Locator("td").Nth(0)).ToHaveTextAsync("100");
        await Expect(history.MomentRow("Limits:Max").Locator("td").Nth(1)).ToHaveTextAsync("500");
        var dialog = await history.OpenRestoreAsync();
        await Expect(dialog.GetByTestId("changeset-summary")).ToHaveTextAsync("2 changed");
        var restoring = await LastAuditIdAsync(http, name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Restore", Exact = true }).ClickAsync();

        await Expect(page.GetByText(new Regex($"^Restored {name} to"))).ToBeVisibleAsync();
        await Expect(history.MomentSummary).ToContainTextAsync("the same now");
        await shop.OpenTabAsync("Configs");
        await Expect(shop.EnvironmentCell("Limits:Max", "production")).ToContainTextAsync("100");
        await Expect(shop.EnvironmentCell("Greeting", "production").Locator(".ca-muted")).ToContainTextAsync("hello");
        var after = await http.GetAsync($"/v1/applications/{name}/config?environment=production");
        Assert.Equal(original, await after.Content.ReadAsStringAsync());
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        var audit = await AuditAfterAsync(http, name, restoring);
        Assert.Equal(["Greeting", "Limits:Max"], audit.Select(e => e.Key).Distinct().Order());
        Assert.All(audit, e => Assert.Equal(("production", AppHostFixture.AdminEmail), (e.Environment, e.Actor)));
    }

    [Fact]
    public async Task CompareAndPromote_TwoKeys_PreviewThenProductionGetsTheStagingValues()
    {
        var name = await NewApplicationAsync("chg", ("Mode", ConfigValueType.String, "base", "prod"), ("Same", ConfigValueType.String, "x", null),
            ("Timeout", ConfigValueType.Integer, "10", null));
        await App.WithServicesAsync(async s =>
        {
            var configs = s.GetRequiredService<ConfigService>();
            var keys = (await configs.ListAsync(new ConfigQuery(name))).Items.ToDictionary(k => k.Key);
            await configs.SetOverrideAsync(keys["Mode"].Id, "staging", "stage", null);
            await configs.SetOverrideAsync(keys["Timeout"].Id, "staging", "30", null);
        });
        using var http = App.CreateHttpClient();
        var page = await NewPageAsync();
        await new ApplicationPageObject(page).GotoAsync(name);

        await page.GetByRole(AriaRole.Link, new() { Name = "Compare environments" }).ClickAsync();
        var compare = new ComparePageObject(page);
        await compare.WaitReadyAsync();
        await Expect(compare.Row("Mode")).ToHaveAttributeAsync("data-status", "differs");
        await Expect(compare.Row("Same")).ToHaveAttributeAsync("data-status", "same");
        await compare.CheckAsync("Mode");
        await compare.CheckAsync("Timeout");
        await compare.Button("Promote 2 keys from staging to production").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("changeset-summary")).ToHaveTextAsync("2 changed");
        await Expect(dialog.Locator("li[data-key='Timeout'] tr[data-field='overrides.production']")).ToContainTextAsync("30");
        var promoting = await LastAuditIdAsync(http, name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Promote", Exact = true }).ClickAsync();

        await Expect(page.GetByText("Promoted 2 keys from staging to production.")).ToBeVisibleAsync();
        await Expect(compare.Row("Mode")).ToHaveAttributeAsync("data-status", "same");
        await Expect(compare.Row("Timeout")).ToHaveAttributeAsync("data-status", "same");
        Assert.Equal("""{"Mode":"stage","Same":"x","Timeout":30}""", await http.GetStringAsync($"/v1/applications/{name}/config?environment=production"));
        Assert.Equal("""{"Mode":"base","Same":"x","Timeout":10}""", await http.GetStringAsync($"/v1/applications/{name}/config?environment=development"));
        var audit = await AuditAfterAsync(http, name, promoting);
        Assert.Equal(["Mode", "Timeout"], audit.Select(e => e.Key).Order());
        Assert.All(audit, e => Assert.Equal(("production", AppHostFixture.AdminEmail), (e.Environment, e.Actor)));

        await compare.Button("Swap environments").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/compare\\?from=production&to=staging$"));
        await page.ReloadAsync();
        await compare.WaitReadyAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader).Nth(2)).ToHaveTextAsync("production");
    }

    [Fact]
    public async Task Import_AnEnvFile_PreviewThenApply_ReachesTheKeysAndTheClientRead()
    {
        var name = await NewApplicationAsync("chg", ("Port", ConfigValueType.Integer, "80", null));
        using var http = App.CreateHttpClient();
        var page = await NewPageAsync();
        var shop = new ApplicationPageObject(page);
        await shop.GotoAsync(name);

        await page.GetByRole(AriaRole.Button, new() { Name = "Import a file" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Choose a file" })).ToBeEnabledAsync();
        await dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = $"{name}.env", MimeType = "text/plain", Buffer = "Port=8080\nFeature__On=true\n"u8.ToArray(),
        });
        await Expect(dialog.GetByTestId("changeset-summary")).ToHaveTextAsync("1 added · 1 changed");
        await Expect(dialog.Locator("li[data-key='Port'] tr[data-field='defaultValue']")).ToContainTextAsync("8080");
        await Expect(dialog.GetByLabel("Added keys")).ToContainTextAsync("Feature:On");
        var importing = await LastAuditIdAsync(http, name);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await Expect(page.GetByText(new Regex($"^Imported into {name}"))).ToBeVisibleAsync();
        await Expect(shop.Cell("Feature:On")).ToBeVisibleAsync();
        await Expect(shop.EnvironmentCell("Port", "production")).ToContainTextAsync("8080");
        Assert.Equal("""{"Feature:On":true,"Port":8080}""", await http.GetStringAsync($"/v1/applications/{name}/config?environment=production"));
        var audit = await AuditAfterAsync(http, name, importing);
        Assert.Equal([("Feature:On", "created"), ("Port", "updated")], audit.Select(e => (e.Key, e.Action)).Order());
        Assert.All(audit, e => Assert.Equal(AppHostFixture.AdminEmail, e.Actor));
    }

    [Fact]
    public async Task TextMode_ProductionOverrides_EditPreviewApply_ReachesTheClientReadOfProductionOnly()
    {
        var name = await NewApplicationAsync("chg", ("Port", ConfigValueType.Integer, "80", "443"), ("Mode", ConfigValueType.String, "base", null));
        using var http = App.CreateHttpClient();
        var page = await NewPageAsync();
        await new ApplicationPageObject(page).GotoAsync(name);

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit as text" }).ClickAsync();
        await page.GetByLabel("Text of", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Overrides in production", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/text\\?layer=production&format=env$"));
        var text = page.GetByLabel("Configuration text", new() { Exact = true });
        await Expect(text).ToHaveValueAsync("Port=443\n");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Preview changes", Exact = true })).ToBeEnabledAsync();

        await text.FillAsync("Port=8443\nFeature__On=true\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview changes", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("changeset-summary")).ToHaveTextAsync("1 added · 1 changed");
        await Expect(page.Locator("li[data-key='Port'] tr[data-field='overrides.production']")).ToContainTextAsync("8443");
        var applying = await LastAuditIdAsync(http, name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();

        await Expect(page.GetByText(new Regex($"^Applied the text to {name}"))).ToBeVisibleAsync();
        await Expect(text).ToHaveValueAsync("Feature__On=true\nPort=8443\n");
        Assert.Equal("""{"Feature:On":true,"Mode":"base","Port":8443}""", await http.GetStringAsync($"/v1/applications/{name}/config?environment=production"));
        Assert.Equal("""{"Mode":"base","Port":80}""", await http.GetStringAsync($"/v1/applications/{name}/config?environment=development"));
        var audit = await AuditAfterAsync(http, name, applying);
        Assert.Equal(["Feature:On", "Port"], audit.Select(e => e.Key).Distinct().Order());
        Assert.All(audit, e => Assert.Equal(AppHostFixture.AdminEmail, e.Actor));
    }

    /// <summary>The id of the application's newest audit entry (the API lists newest first), 0 when none.</summary>
    private static async Task<long> LastAuditIdAsync(HttpClient http, string application)
    {
        var json = await (await http.GetAsync($"/v1/audit?application={application}&pageSize=1")).JsonAsync();
        return json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).FirstOrDefault();
    }

    /// <summary>The application's audit entries after <paramref name="afterId"/>, read through the API.</summary>
    private static async Task<IReadOnlyList<(string? Key, string? Environment, string Actor, string Action)>> AuditAfterAsync(
        HttpClient http, string application, long afterId)
    {
        var json = await (await http.GetAsync($"/v1/audit?application={application}&pageSize=100")).JsonAsync();
        return json.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("id").GetInt64() > afterId)
            .Select(e => (e.GetProperty("key").GetString(), e.GetProperty("environment").GetString(),
                e.GetProperty("actor").GetString()!, e.GetProperty("action").GetString()!))
            .ToList();
    }

}
