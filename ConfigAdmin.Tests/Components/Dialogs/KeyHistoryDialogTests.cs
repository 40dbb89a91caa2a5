using Bunit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Dialogs;
using MudBlazor;

namespace ConfigAdmin.Tests.Components.Dialogs;

[Trait("Category", "Unit")]
public sealed class KeyHistoryDialogTests : ComponentTestBase
{
    [Fact]
    public async Task KeyHistory_EachChangeThroughARename_FieldsLabelledJsonIndentedNoLiteralNull()
    {
        await Data.AppAsync();
        var retry = await Data.KeyAsync("shop", "Payments:Retry", ConfigValueType.Json, """{"count":3,"backoff":[1,2,4],"note":"on failure"}""");
        retry = await Service<ConfigService>().UpdateAsync(retry.Id,
            retry.ToUpdateInput() with { DefaultValue = """{"count":5,"backoff":[1,2,4],"note":"on failure"}""" }, null);
        await Service<ConfigService>().UpdateAsync(retry.Id, retry.ToUpdateInput() with { Key = "Payments:Retries" }, null);
        await Data.KeyAsync("shop", "Other", value: "x");
        var host = Render<TestHost>();

        _ = host.InvokeAsync(() => KeyHistoryDialog.ShowAsync(Service<IDialogService>(), "shop", "Payments:Retry"));

        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll(".mud-dialog ol.ca-changelist > li").Count));
        var changes = host.FindAll(".mud-dialog ol.ca-changelist > li");
        Assert.Equal(["Payments:Retries", "Payments:Retry", "Payments:Retry"], changes.Select(c => c.GetAttribute("data-key")));
        Assert.Equal(["Key", "Payments:Retry", "Payments:Retries"],
            changes[0].QuerySelector("tr[data-field='key']")!.Children.Select(c => c.TextContent.Trim()));
        var update = changes[1].QuerySelector("tr[data-field='defaultValue']")!;
        Assert.Equal("Default value", update.Children[0].TextContent);
        Assert.Contains("\"count\": 3", update.Children[1].QuerySelector("pre.ca-pre")!.TextContent);
        Assert.Contains("\"count\": 5", update.Children[2].QuerySelector("pre.ca-pre")!.TextContent);
        var created = changes[2];
        Assert.Equal("—", created.QuerySelector("tr[data-field='defaultValue'] td")!.TextContent.Trim());
        Assert.DoesNotContain(">null<", host.Markup);
        Assert.Contains("/audit?application=shop&amp;key=Payments%3ARetry", host.Markup);
    }
}
