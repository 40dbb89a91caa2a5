using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.PageObjects;

/// <summary>The application page's History tab: its changes, the moment beside now, restore.</summary>
public sealed class HistoryTabPageObject(IPage page)
{
    public async Task GotoAsync(string application)
    {
        await page.GotoAsync($"applications/{application}?tab=history");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Point in time" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("History of key", new() { Exact = true })).ToBeEnabledAsync();
    }

    /// <summary>The changes of a key, newest first.</summary>
    public ILocator Changes(string key) => page.Locator($"ol.ca-changelist > li[data-key='{key}']");

    public ILocator AllChanges => page.Locator("ol.ca-changelist > li");

    /// <summary>Shows the configuration as it was right after the key's <paramref name="index"/>th change from the oldest.</summary>
    public async Task ViewAfterAsync(string key, int index = 0)
    {
        var change = Changes(key).Nth(await Changes(key).CountAsync() - 1 - index);
        await change.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^View the configuration after") }).ClickAsync();
        await Expect(MomentSummary).ToBeVisibleAsync();
    }

    public ILocator MomentSummary => page.GetByTestId("moment-summary");

    public ILocator MomentRow(string key) => page.Locator($"[aria-label='Configuration then and now'] tr[data-key='{key}']");

    public async Task FilterByKeyAsync(string key) => await page.GetByLabel("History of key", new() { Exact = true }).FillAsync(key);

    /// <summary>Opens the restore dialog and waits for its preview.</summary>
    public async Task<ILocator> OpenRestoreAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Restore to this moment" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByTestId("changeset-summary")).ToBeVisibleAsync();
        return dialog;
    }
}
