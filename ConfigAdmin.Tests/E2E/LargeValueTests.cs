using System.Text;
using System.Text.Json;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.E2E.Infrastructure;
using ConfigAdmin.Tests.E2E.PageObjects;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E;

/// <summary>Values up to 64 KiB travel through the editors and the circuit whole; a larger one is refused inline.</summary>
[Collection(E2ECollection.Name)]
[Trait("Category", "Browser")]
public sealed class LargeValueTests(AppHostFixture app) : BrowserTestBase(app)
{
    private async Task<ApplicationPageObject> OpenNewApplicationAsync(string name)
    {
        await App.WithServiceAsync<ApplicationService, ApplicationDto>(a => a.CreateAsync(new(name, null, "Team", "t@example.com")));
        var page = new ApplicationPageObject(await NewPageAsync());
        await page.GotoAsync(name);
        return page;
    }

    [Fact]
    public async Task PasteSixtyKilobyteJsonDefault_SavesAndTheClientReadReturnsItExactly()
    {
        var name = Unique("big");
        var shop = await OpenNewApplicationAsync(name);
        var big = Json(60 * 1024);

        await shop.AddKeyAsync("Big", "json", big);

        using var http = App.CreateHttpClient();
        using var document = JsonDocument.Parse(await http.GetStringAsync($"/v1/applications/{name}/config?environment=production"));
        Assert.Equal(big, document.RootElement.GetProperty("Big").GetRawText());
    }

    [Fact]
    public async Task DefaultJustOver64KiB_SaysTooLargeInlineAndThePageKeepsWorking()
    {
        var name = Unique("huge");
        var shop = await OpenNewApplicationAsync(name);
        var tooLarge = "\"" + new string('a', ConfigValues.MaxValueBytes - 1) + "\""; // one byte over

        await shop.StartAddKeyAsync("Huge", "json", tooLarge);
        await shop.Button("Create key").ClickAsync();

        await Expect(shop.Page.GetByText("must be at most 64 KiB of UTF-8").First).ToBeVisibleAsync();
        // Refused, so nothing says it was added and nothing was stored.
        await Expect(shop.Page.GetByText("Key 'Huge' added.")).ToHaveCountAsync(0);
        var keys = await App.WithServiceAsync<ConfigService, Core.Common.PagedResult<ConfigDto>>(c => c.ListAsync(new(name)));
        Assert.Equal(0, keys.TotalCount);
        await shop.FillValueAsync("Default value", "json", """{"fits":true}""");
        await shop.Button("Create key").ClickAsync();
        await Expect(shop.Button("Create key")).ToHaveCountAsync(0);
        await Expect(shop.Cell("Huge")).ToBeVisibleAsync();
    }

    /// <summary>Compact ASCII JSON of at least <paramref name="bytes"/> bytes, which the client read returns byte for byte.</summary>
    private static string Json(int bytes)
    {
        var json = new StringBuilder("{\"items\":[");
        for (var i = 0; json.Length < bytes; i++) json.Append(i == 0 ? "" : ",").Append($"{{\"id\":{i},\"name\":\"item-{i:D5}\"}}");
        return json.Append("]}").ToString();
    }

    [Fact]
    public async Task PasteOver64KiB_IsRefusedWholeAndSaysHowLarge_NotCutShortSilently()
    {
        var shop = await OpenNewApplicationAsync(Unique("paste"));
        await shop.Button("Add key").ClickAsync();
        var field = shop.Page.GetByLabel("Default value", new() { Exact = true });
        await Expect(field).ToBeEditableAsync();

        await field.EvaluateAsync("""
            (e, text) => {
              const data = new DataTransfer();
              data.setData('text/plain', text);
              e.focus();
              e.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
            }
            """, new string('a', 100 * 1024));

        await Expect(shop.Page.GetByText("Not pasted: with it, Default value would be 100 KiB")).ToBeVisibleAsync();
        await Expect(field).ToHaveValueAsync("");
    }
}
