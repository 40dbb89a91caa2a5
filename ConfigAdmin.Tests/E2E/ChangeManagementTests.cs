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

/// <summary>Change management in a real browser: restore to a moment, compare and promote, import with a preview; and history and audit filters.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "E2E")]
public sealed class ChangeManagementTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task Restore_FromTheHistoryTab_ToTheMomentBeforeTheEdits_ShowsInTheUiAndTheClientRead()
    {
        var name = await SeedAsync(("Greeting", ConfigValueType.String, "hello", null), ("Limits:Max", ConfigValueType.Integer, "42", "100"));
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
        var name = await SeedAsync(("Mode", ConfigValueType.String, "base", "prod"), ("Same", ConfigValueType.String, "x", null),
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
        var name = await SeedAsync(("Port", ConfigValueType.Integer, "80", null));
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
        var name = await SeedAsync(("Port", ConfigValueType.Integer, "80", "443"), ("Mode", ConfigValueType.String, "base", null));
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

    [Fact]
    public async Task KeyHistoryDialog_FromTheKeysRow_ShowsItsChangesNewestFirst_AndLinksToItsAuditEntries()
    {
        var name = await SeedAsync(("Cache:Minutes", ConfigValueType.Integer, "5", null), ("Other", ConfigValueType.String, "x", null));
        var page = await NewPageAsync();
        var shop = new ApplicationPageObject(page);
        await shop.GotoAsync(name);
        await shop.SetOverrideAsync("Cache:Minutes", "production", "integer", "60");
        await shop.SetOverrideAsync("Other", "production", "string", "y");
        await shop.SetOverrideAsync("Cache:Minutes", "production", "integer", "90");

        var dialog = await shop.OpenKeyHistoryAsync("Cache:Minutes");

        var changes = dialog.Locator("ol.ca-changelist > li");
        await Expect(changes).ToHaveCountAsync(3);
        await Expect(dialog.Locator("ol.ca-changelist > li[data-key='Cache:Minutes']")).ToHaveCountAsync(3);
        var newest = changes.Nth(0).Locator("tr[data-field='overrides.production']");
        await Expect(newest.Locator("th")).ToHaveTextAsync("Value in production");
        await Expect(newest.Locator("td").Nth(0)).ToHaveTextAsync("60");
        await Expect(newest.Locator("td").Nth(1)).ToHaveTextAsync("90");
        await Expect(changes.Nth(1).Locator("tr[data-field='overrides.production'] td").Nth(1)).ToHaveTextAsync("60");
        await Expect(changes.Nth(2).Locator("tr[data-field='defaultValue'] td").Nth(1)).ToHaveTextAsync("5");

        await dialog.GetByRole(AriaRole.Link, new() { Name = "Its audit entries" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/audit\\?application=.+&key=Cache%3AMinutes$"));
        await Expect(page.GetByLabel("Filter by key", new() { Exact = true })).ToHaveValueAsync("Cache:Minutes");
        var entries = page.Locator("td.ca-where");
        await Expect(entries).ToHaveCountAsync(3);
        await Expect(entries.Filter(new() { HasTextString = "production" })).ToHaveCountAsync(2);
        await Expect(entries.Filter(new() { HasTextString = "Other" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task KeyHistory_FilteredOnTheHistoryTab_ShowsEachChangeWithLabelledFieldsAndItsAudit()
    {
        var name = await SeedAsync(("Payments:Retry", ConfigValueType.Json, """{"count":3,"backoff":[1,2,4],"note":"on failure"}""", null),
            ("Other", ConfigValueType.String, "x", null));
        await App.WithServicesAsync(async s =>
        {
            var configs = s.GetRequiredService<ConfigService>();
            var retry = (await configs.ListAsync(new ConfigQuery(name, Search: "Payments"))).Items.Single();
            await configs.UpdateAsync(retry.Id, retry.ToUpdateInput() with { DefaultValue = """{"count":5,"backoff":[1,2,4],"note":"on failure"}""" }, null);
        });
        var page = await NewPageAsync();
        var history = new HistoryTabPageObject(page);
        await history.GotoAsync(name);
        await Expect(history.AllChanges).ToHaveCountAsync(3);

        await history.FilterByKeyAsync("payments:retry");

        await Expect(history.AllChanges).ToHaveCountAsync(2);
        var update = history.Changes("Payments:Retry").First.Locator("tr[data-field='defaultValue']");
        await Expect(update.Locator("th")).ToHaveTextAsync("Default value");
        await Expect(update.Locator("pre").First).ToContainTextAsync("\"count\": 3");
        await Expect(update.Locator("pre").Last).ToContainTextAsync("\"count\": 5");
        var audit = page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "updated config" });
        await Expect(audit).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = "created config" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AuditFilters_KeyAndEnvironmentLiveInTheUrl_SurviveAReload_AndBackGoesToThePreviousFilter()
    {
        var name = await SeedAsync(("Alpha", ConfigValueType.String, "1", null), ("Beta", ConfigValueType.String, "2", "3"));
        var page = await NewPageAsync();
        await page.GotoAsync($"audit?application={name}");
        var key = page.GetByLabel("Filter by key", new() { Exact = true });
        await Expect(key).ToBeEnabledAsync();
        var rows = page.Locator("td.ca-where");
        await Expect(rows).ToHaveCountAsync(4);

        await key.FillAsync("Beta");
        await Expect(page).ToHaveURLAsync(new Regex("key=Beta"));
        await Expect(rows).ToHaveCountAsync(2);
        await page.ReloadAsync();

        await Expect(key).ToHaveValueAsync("Beta");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.GetByLabel("Filter by application", new() { Exact = true })).ToHaveValueAsync(name);
        await key.FillAsync("Alpha");
        await Expect(page).ToHaveURLAsync(new Regex("key=Alpha"));
        await Expect(rows).ToHaveCountAsync(1);
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex("key=Beta"));
        await Expect(key).ToHaveValueAsync("Beta");
        await Expect(rows).ToHaveCountAsync(2);

        var filters = page.GetByRole(AriaRole.Search, new() { Name = "Audit filters" });
        await Expect(filters).Not.ToContainTextAsync("production");
        await page.GetByLabel("Filter by environment", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "production", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("environment=production"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("production");
        await page.ReloadAsync();

        await Expect(page).ToHaveURLAsync(new Regex("key=Beta"));
        await Expect(key).ToHaveValueAsync("Beta");
        await Expect(filters).ToContainTextAsync("production");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("production");
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

    /// <summary>An application with keys (key, type, default, production override), made through the services.</summary>
    private async Task<string> SeedAsync(params (string Key, ConfigValueType Type, string? Default, string? Production)[] keys)
    {
        var name = Unique("chg");
        await App.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<ApplicationService>().CreateAsync(new(name, null, "Team", "t@example.com"));
            foreach (var (key, type, value, production) in keys)
            {
                await s.GetRequiredService<ConfigService>().CreateAsync(new(name, key, type, value, null, false,
                    production is null ? null : new Dictionary<string, string?> { ["production"] = production }));
            }
        });
        return name;
    }
}
