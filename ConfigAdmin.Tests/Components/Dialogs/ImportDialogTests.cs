using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components.Forms;

namespace ConfigAdmin.Tests.Components.Dialogs;

[Trait("Category", "Unit")]
public sealed class ImportDialogTests : ComponentTestBase
{
    [Fact]
    public async Task Upload_EnvFile_FormatFromItsName_PreviewsAddedChangedUnchanged_ThenImports()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "80");
        await Data.KeyAsync("shop", "Mode", value: "a");
        var imported = 0;
        var host = RenderHosted<ApplicationActions>(p => p.Add(a => a.Application, "shop").Add(a => a.Imported, () => imported++));
        host.WaitForElement("button[aria-label='Import a file']").Click();
        // The picker opens once the dialog has rendered (its file input's script is set up then).
        host.WaitForAssertion(() => Assert.False(host.Find("button[aria-label='Choose a file']").HasAttribute("disabled")));

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Port=8443\nMode=a\nNew__Key=hello\n", "shop.env"));

        host.WaitForAssertion(() => Assert.Equal("1 added · 1 changed · 1 unchanged", host.Find("[data-testid='changeset-summary']").TextContent));
        Assert.Contains("shop.env", host.Find("[data-testid='import-file']").TextContent);
        Assert.Contains("New:Key", host.Find("ul[aria-label='Added keys']").TextContent);
        Assert.Equal(["Default value", "80", "8443"],
            host.Find("li[data-key='Port'] tr[data-field='defaultValue']").Children.Select(c => c.TextContent.Trim()));
        host.Find("button[aria-label='Import']").Click();

        host.WaitForAssertion(() => Assert.Contains("Imported into shop: 1 added · 1 changed · 1 unchanged.", host.Markup));
        Assert.Equal(1, imported);
        var keys = (await Service<ConfigService>().ListAsync(new ConfigQuery("shop"))).Items.ToDictionary(k => k.Key);
        Assert.Equal("8443", keys["Port"].DefaultValue);
        Assert.Equal("hello", keys["New:Key"].DefaultValue);
    }

    [Fact]
    public async Task Upload_BrokenFileOrBadValue_SaysWhichLineOrKey_AndImportsNothing()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "80");
        var host = RenderHosted<ApplicationActions>(p => p.Add(a => a.Application, "shop"));
        host.WaitForElement("button[aria-label='Import a file']").Click();

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("{\n  \"Port\": 1,\n  \"Mode\": \n}", "app.json"));
        host.WaitForAssertion(() => Assert.Contains("cannot be read at line", host.Find("[data-testid='import-error']").TextContent));
        Assert.True(host.Find("button[aria-label='Import']").HasAttribute("disabled"));

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("Port=eighty\n", "app.env"));
        host.WaitForAssertion(() => Assert.Contains("'Port'", host.Find("[data-testid='import-error']").TextContent));

        Assert.Equal("80", (await Service<ConfigService>().ListAsync(new ConfigQuery("shop"))).Items.Single().DefaultValue);
    }

    [Fact]
    public async Task Viewer_IsNotOfferedImport()
    {
        await Data.AppAsync();
        ActAs(new Caller(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]));

        var host = RenderHosted<ApplicationActions>(p => p.Add(a => a.Application, "shop"));

        host.WaitForElement("button[aria-label='Export']");
        Assert.Empty(host.FindAll("button[aria-label='Import a file']"));
        Assert.NotNull(host.Find("a[href='/applications/shop/compare']"));
    }
}
