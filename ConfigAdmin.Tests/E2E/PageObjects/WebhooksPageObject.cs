using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.PageObjects;

/// <summary>/admin/webhooks: the list, the register dialog that shows the signing secret once, and the delivery log.</summary>
public sealed class WebhooksPageObject(IPage page)
{
    public async Task GotoAsync()
    {
        await page.GotoAsync("admin/webhooks");
        await Expect(Button("New webhook")).ToBeEnabledAsync();
    }

    /// <summary>Registers a webhook with the dialog's defaults (config.changed, every application) and returns its secret.</summary>
    public async Task<string> RegisterAsync(string url)
    {
        await Button("New webhook").ClickAsync();
        await page.GetByLabel("URL", new() { Exact = true }).FillAsync(url);
        await Button("Register").ClickAsync();
        var secret = page.GetByLabel("Signing secret", new() { Exact = true });
        await Expect(secret).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^whsec_"));
        var value = await secret.InputValueAsync();
        await Button("Done").ClickAsync();
        return value;
    }

    public async Task OpenDeliveriesAsync(string url)
    {
        await Button($"Deliveries of {url}").ClickAsync();
        await Expect(Button("Send test event")).ToBeEnabledAsync();
    }

    public ILocator LogRows => page.Locator("[aria-label='Delivery log'] tbody tr");

    public ILocator Row(string text) => page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = text });

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}
