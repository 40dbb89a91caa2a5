using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.PageObjects;

/// <summary>/applications/{name}/compare: two environments key by key, promote.</summary>
public sealed class ComparePageObject(IPage page)
{
    public async Task WaitReadyAsync()
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Compare environments" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("compare-summary")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Swap environments" })).ToBeEnabledAsync();
    }

    public ILocator Row(string key) => page.Locator($"tr[data-key='{key}']");

    public Task CheckAsync(string key) => page.GetByRole(AriaRole.Checkbox, new() { Name = $"Promote {key}", Exact = true }).CheckAsync();

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
