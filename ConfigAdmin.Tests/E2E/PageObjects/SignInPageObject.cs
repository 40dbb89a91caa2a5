using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.PageObjects;

/// <summary>/account/signin: the server-rendered sign-in form.</summary>
public static class SignInPageObject
{
    /// <summary>Signs in through the form and waits until the app has taken the user in (the return URL or the dashboard).</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await FillAndSubmitAsync(page, email, password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Sign in");
    }

    public static async Task FillAndSubmitAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
