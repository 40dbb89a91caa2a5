using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>Keyboard users see where they are on the grids' icon buttons (bug 8 of the UX pass).</summary>
[Collection(E2EPagesCollection.Name)]
[Trait("Category", "Browser")]
public sealed class FocusRingTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Fact]
    public async Task GridIconButton_FocusedByKeyboard_ShowsASolidRing()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("environments");
        var edit = page.GetByRole(AriaRole.Button, new() { Name = "Edit production", Exact = true });
        await Expect(edit).ToBeEnabledAsync();
        var delete = page.GetByRole(AriaRole.Button, new() { Name = "Delete production", Exact = true });

        await edit.FocusAsync();
        await page.Keyboard.PressAsync("Tab");

        await Expect(delete).ToBeFocusedAsync();
        Assert.Equal("solid", await delete.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        Assert.Equal("2px", await delete.EvaluateAsync<string>("e => getComputedStyle(e).outlineWidth"));
    }
}
