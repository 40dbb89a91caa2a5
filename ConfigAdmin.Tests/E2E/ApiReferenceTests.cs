using System.Text.RegularExpressions;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>The README sends people to /scalar: a browser that opens it without a session signs in and comes back.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class ApiReferenceTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task OpeningTheApiReference_SignedOut_GoesToSignIn_ThenBackToTheReference()
    {
        var page = await NewPageAsync(signedIn: false);

        await page.GotoAsync("scalar");
        await Expect(page).ToHaveURLAsync(new Regex("/account/signin\\?ReturnUrl=%2Fscalar"));
        await SignInPageObject.FillAndSubmitAsync(page, AppHostFixture.AdminEmail, AppHostFixture.AdminPassword);

        await Expect(page).ToHaveURLAsync(new Regex("/scalar/?$"));
        await Expect(page.GetByText("ConfigAdmin API").First).ToBeVisibleAsync();
    }
}
