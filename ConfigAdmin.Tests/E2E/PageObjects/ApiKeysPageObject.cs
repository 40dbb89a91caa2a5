using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.PageObjects;

/// <summary>/admin/api-keys: the key list and the create dialog that shows a secret once.</summary>
public sealed class ApiKeysPageObject(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("admin/api-keys");
        await Expect(Button("New API key")).ToBeEnabledAsync();
    }

    /// <summary>Creates a client key over every application and environment (switched on: a new key covers none) and returns its secret.</summary>
    public async Task<string> CreateClientKeyAsync(string name)
    {
        await Button("New API key").ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("All applications", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("All environments", new() { Exact = true }).CheckAsync();
        await Button("Create key").ClickAsync();
        var secret = page.GetByLabel("API key secret", new() { Exact = true });
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^ca_"));
        return await secret.InputValueAsync();
    }

    public ILocator Row(string name) => page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = name });

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
