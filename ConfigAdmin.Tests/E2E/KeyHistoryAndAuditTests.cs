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

/// <summary>A key's history in a real browser (its dialog, the history tab's filter) and the audit log's filters in the URL.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class KeyHistoryAndAuditTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task KeyHistoryDialog_FromTheKeysRow_ShowsItsChangesNewestFirst_AndLinksToItsAuditEntries()
    {
        var name = await NewApplicationAsync("chg", ("Cache:Minutes", ConfigValueType.Integer, "5", null), ("Other", ConfigValueType.String, "x", null));
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
        var name = await NewApplicationAsync("chg", ("Payments:Retry", ConfigValueType.Json, """{"count":3,"backoff":[1,2,4],"note":"on failure"}""", null),
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
        var name = await NewApplicationAsync("chg", ("Alpha", ConfigValueType.String, "1", null), ("Beta", ConfigValueType.String, "2", "3"));
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
}
