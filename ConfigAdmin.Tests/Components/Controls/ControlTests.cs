using System.Text.Json;
using Bunit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Controls;
using ConfigAdmin.Web.Components.Layout;
using MudBlazor;

namespace ConfigAdmin.Tests.Components.Controls;

[Trait("Category", "Unit")]
public sealed class ControlTests : ComponentTestBase
{
    [Fact]
    public void ValueEditor_EachType_RendersItsOwnEditor()
    {
        Assert.NotNull(Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.Boolean).Add(e => e.Value, "true"))
            .FindComponent<MudSwitch<bool>>());
        Assert.Equal("numeric", Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.Integer).Add(e => e.Value, "42"))
            .Find("input").GetAttribute("inputmode"));
        Assert.Equal("decimal", Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.Number).Add(e => e.Value, "1.5"))
            .Find("input").GetAttribute("inputmode"));
        Assert.NotNull(Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.Json).Add(e => e.Value, "{}")).Find("textarea"));
        Assert.Equal("password", Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.String).Add(e => e.Secret, true))
            .Find("input").GetAttribute("type"));
    }

    [Fact]
    public void ValueEditor_Secret_AsksTheBrowserNotToFillInASavedPassword()
    {
        Assert.Equal("new-password", Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.String).Add(e => e.Secret, true))
            .Find("input").GetAttribute("autocomplete"));
        Assert.Null(Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.String)).Find("input").GetAttribute("autocomplete"));
    }

    [Theory]
    [InlineData(ConfigValueType.Json, "textarea")]
    [InlineData(ConfigValueType.String, "input")]
    public void ValueEditor_TextAndJson_SendNothingPerKeystrokeAndCapWhatAPasteCanSend(ConfigValueType type, string element)
    {
        var field = Render<ValueEditor>(p => p.Add(e => e.Type, type).Add(e => e.Value, "x")).Find(element);

        // No input handler: the browser sends the value once, on change, instead of all of it on every keystroke.
        Assert.DoesNotContain("blazor:oninput", field.OuterHtml);
        Assert.Contains("blazor:onchange", field.OuterHtml);
        Assert.Equal($"{ConfigValues.MaxValueBytes + 1}", field.GetAttribute("maxlength"));
    }

    [Fact]
    public void ValueEditor_SwitchToggled_ReportsTheTextTrueOrFalse()
    {
        string? reported = null;
        var cut = Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.Boolean).Add(e => e.Value, "false")
            .Add(e => e.ValueChanged, v => reported = v));

        cut.Find("input").Change(true);

        Assert.Equal("true", reported);
    }

    [Fact]
    public void ValueEditor_Integer_ReportsInvariantText()
    {
        string? reported = null;
        var cut = Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.Integer).Add(e => e.Value, "1")
            .Add(e => e.ValueChanged, v => reported = v).Add(e => e.Label, "Count"));

        cut.Find("input[aria-label='Count']").Input("-9000000000");

        cut.WaitForAssertion(() => Assert.Equal("-9000000000", reported));
    }

    [Fact]
    public void ValueEditor_Number_ReportsInvariantText()
    {
        string? reported = null;
        var cut = Render<ValueEditor>(p => p.Add(e => e.Type, ConfigValueType.Number).Add(e => e.Value, null)
            .Add(e => e.ValueChanged, v => reported = v).Add(e => e.Label, "Ratio"));

        cut.Find("input[aria-label='Ratio']").Input("0.5");

        cut.WaitForAssertion(() => Assert.Equal("0.5", reported));
    }

    [Fact]
    public void AuditDiff_Update_HighlightsOnlyChangedFieldsSideBySide()
    {
        var before = JsonDocument.Parse("""{"name":"a","owner":"x"}""").RootElement;
        var after = JsonDocument.Parse("""{"name":"a","owner":"y"}""").RootElement;

        var cut = Render<AuditDiff>(p => p.Add(d => d.Before, before).Add(d => d.After, after));

        var changed = Assert.Single(cut.FindAll("tr.ca-changed"));
        Assert.Equal(["Owner", "x", "y"], changed.Children.Select(c => c.TextContent.Trim()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SharedThemeProvider_RendersMudBlazorsThemeCssOncePerMode(bool dark)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark)).Markup;
        var first = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));
        var second = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, AppTheme.Theme).Add(t => t.IsDarkMode, dark));

        var theme = mud[mud.IndexOf("<style class='mud-theme-provider'>", StringComparison.Ordinal)..];
        Assert.EndsWith(theme.TrimEnd(), first.Markup.TrimEnd());
        Assert.Contains("::-webkit-scrollbar", first.Markup);
        Assert.Equal(first.Markup, second.Markup);
    }

    [Fact]
    public void SaveButton_Saving_IsDisabledAndBusy()
    {
        var idle = Render<SaveButton>(p => p.Add(b => b.Text, "Save"));
        Assert.False(idle.Find("button").HasAttribute("disabled"));

        var saving = Render<SaveButton>(p => p.Add(b => b.Text, "Save").Add(b => b.Saving, true));

        Assert.True(saving.Find("button").HasAttribute("disabled"));
        Assert.Equal("true", saving.Find("button").GetAttribute("aria-busy"));
    }

    [Fact]
    public void SaveButton_BeforeTheCircuitIsInteractive_IsDisabled()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var cut = Render<SaveButton>(p => p.Add(b => b.Text, "Save"));

        Assert.True(cut.Find("button").HasAttribute("disabled"));
    }
}
