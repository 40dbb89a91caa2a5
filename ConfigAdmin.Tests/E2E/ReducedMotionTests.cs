using ConfigAdmin.Tests.E2E.Infrastructure;
using Microsoft.Playwright;

namespace ConfigAdmin.Tests.E2E;

/// <summary>The system's "reduce motion" setting stops the app's transitions; without it they play as MudBlazor made them.</summary>
[Collection(E2EPagesCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ReducedMotionTests(AppHostFixture app) : BrowserTestBase(app)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ThemeSwitch_MovesOnlyWhenTheSystemAllowsMotion(bool reduce)
    {
        var page = await NewPageAsync();
        await page.EmulateMediaAsync(new() { ReducedMotion = reduce ? ReducedMotion.Reduce : ReducedMotion.NoPreference });
        await page.GotoAsync("applications");
        await SwitchThemeAsync(page, dark: false);

        // Any element whose transition lasts a tenth of a second or more (MudBlazor's are 0.1–0.5 s).
        var moving = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('*')].filter(e =>
              getComputedStyle(e).transitionDuration.split(',').some(d => parseFloat(d) >= 0.1)).length
            """);

        if (reduce) Assert.Equal(0, moving);
        else Assert.True(moving > 10, $"only {moving} elements transition without reduced motion");
    }
}
