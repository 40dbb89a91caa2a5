using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.PageObjects;

/// <summary>/applications: the grid and the create dialog.</summary>
public sealed class ApplicationsPageObject(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("applications");
        await Expect(NewButton).ToBeEnabledAsync();
    }

    private ILocator NewButton => page.GetByRole(AriaRole.Button, new() { Name = "New application", Exact = true });

    /// <summary>Creates an application through the dialog; the app then opens its page.</summary>
    public async Task<ApplicationPageObject> CreateAsync(string name, string owner, string email)
    {
        await NewButton.ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Owner", new() { Exact = true }).FillAsync(owner);
        await page.GetByLabel("Contact email", new() { Exact = true }).FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        // Blazor navigates in-page (pushState): poll the URL instead of waiting for a load event that may not come.
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape($"/applications/{name}") + "$"));
        var app = new ApplicationPageObject(page);
        await app.WaitReadyAsync(name);
        return app;
    }
}
