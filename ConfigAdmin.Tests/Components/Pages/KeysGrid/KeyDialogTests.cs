using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>Adding and editing a key from the grid: inline checks, one write for a key with its values, progress, conflicts.</summary>
[Trait("Category", "Unit")]
public sealed class KeyDialogTests : KeysGridTestBase
{
    [Fact]
    public async Task EditKey_BrokenJsonDefault_SaysWhereAsSoonAsTheFieldIsLeft()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Search:Boosts", ConfigValueType.Json, """{"title":3}""");
        var host = RenderTab();

        host.Find("button[aria-label='Edit Search:Boosts']").Click();
        host.WaitForElement("textarea[aria-label='Default value']").Change("{\"title\": 3,\n  \"body\": }");
        host.Find("textarea[aria-label='Default value']").Blur();

        host.WaitForAssertion(() => Assert.Contains("must be well-formed JSON. Error at line 2, column 11.", host.Markup));
        Assert.Equal("""{"title":3}""", (await Service<ConfigService>().GetAsync(key.Id)).DefaultValue);
    }

    [Fact]
    public async Task AddKey_DefaultOver64KiB_SaysTooLargeOnTheFieldAndNeitherAddsNorSaysAdded()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Existing");
        var host = RenderTab();

        host.Find("button[aria-label='Add key']").Click();
        host.WaitForElement("input[aria-label='Key']").Input("Huge");
        host.Find("input[aria-label='Default value']").Change(new string('a', ConfigValues.MaxValueBytes + 1));
        host.Find("button[aria-label='Create key']").Click();

        host.WaitForAssertion(() => Assert.Contains("must be at most 64 KiB of UTF-8.", host.Markup), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("added", host.Markup);
        Assert.NotEmpty(host.FindAll("button[aria-label='Create key']"));
        Assert.Equal(1, (await Service<ConfigService>().ListAsync(new("shop"))).TotalCount);

        host.Find("input[aria-label='Default value']").Change(new string('a', ConfigValues.MaxValueBytes));
        host.Find("button[aria-label='Create key']").Click();
        host.WaitForAssertion(() => Assert.Contains("Key 'Huge' added.", host.Markup), TimeSpan.FromSeconds(10));
        var stored = (await Service<ConfigService>().ListAsync(new("shop", Search: "Huge"))).Items.Single();
        Assert.Equal(ConfigValues.MaxValueBytes, stored.DefaultValue?.Length);
    }

    [Fact]
    public async Task AddKey_WithAValueForProduction_CreatesTheKeyAndItsOverrideTogether()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Existing");
        var host = RenderTab();

        host.Find("button[aria-label='Add key']").Click();
        host.WaitForElement("input[aria-label='Key']").Input("Greeting");
        host.Find("input[aria-label='Default value']").Change("hello");
        Assert.Empty(host.FindAll("input[aria-label='Value in production']"));
        host.Find("input[aria-label='Own value in production']").Change(true);
        host.WaitForElement("input[aria-label='Value in production']").Change("hello, customers");
        host.Find("button[aria-label='Create key']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Create key']")), TimeSpan.FromSeconds(10));
        var stored = (await Service<ConfigService>().ListAsync(new("shop", Search: "Greeting"))).Items.Single();
        Assert.Equal("hello", stored.DefaultValue);
        Assert.Equal(new Dictionary<string, string> { ["production"] = "hello, customers" }, stored.Overrides);
        // One write: the key's first revision already holds the override.
        var revision = Assert.Single(await Service<ConfigAdmin.Core.Changes.HistoryService>().RevisionsAsync(stored.Id));
        Assert.Equal("hello, customers", revision.Overrides["production"]);
    }

    [Fact]
    public async Task EditKey_WhileSaving_DisablesTheSaveButtonAndShowsProgress()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        var host = RenderTab();
        host.Find("button[aria-label='Edit Greeting']").Click();
        host.WaitForElement("textarea[aria-label='Description']").Input("Says hello");

        Gate.Close();
        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() =>
        {
            var save = host.Find("button[aria-label='Save key']");
            Assert.True(save.HasAttribute("disabled"));
            Assert.Equal("true", save.GetAttribute("aria-busy"));
            Assert.Contains("Saving", save.TextContent);
        });
        Gate.Open();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save key']")));
        Assert.Equal("Says hello", (await Service<ConfigService>().GetAsync(key.Id)).Description);
    }

    [Fact]
    public async Task EditKey_SecretIntegerDescriptionChanged_KeepsTheStoredDefaultWithoutRevealingIt()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "8080", secret: true);
        var host = RenderTab();
        host.Find("button[aria-label='Edit Port']").Click();

        host.WaitForElement("textarea[aria-label='Description']").Input("The port");
        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save key']")));
        Assert.DoesNotContain("8080", host.Markup);
        var stored = await Service<ConfigService>().RevealAsync(key.Id);
        Assert.Equal(("The port", "8080"), (stored.Description, stored.DefaultValue));
    }

    /// <remarks>Needs the service rule "*** keeps the stored default of a key that was secret, whatever the new IsSecret".</remarks>
    [Fact]
    public async Task EditKey_SecretMadePublic_KeepsTheStoredDefault()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Port", ConfigValueType.Integer, "8080", secret: true);
        var host = RenderTab();
        host.Find("button[aria-label='Edit Port']").Click();

        host.WaitForElement("input[aria-label='Secret']").Change(false);
        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save key']")));
        var stored = await Service<ConfigService>().GetAsync(key.Id);
        Assert.Equal((false, "8080"), (stored.IsSecret, stored.DefaultValue));
    }

    [Fact]
    public async Task EditKey_ChangedBySomeoneElse_OpensTheConflictDialogAndOverwriteWins()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        var host = RenderTab();
        host.Find("button[aria-label='Edit Greeting']").Click();
        host.WaitForElement("textarea[aria-label='Description']").Input("mine");
        await Service<ConfigService>().UpdateAsync(key.Id, key.ToUpdateInput() with { Description = "theirs" }, key.Version);

        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() => Assert.Contains("Someone else changed key 'Greeting'", host.Markup));
        host.Find("button[aria-label='Overwrite']").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Overwrite']")));
        Assert.Equal("mine", (await Service<ConfigService>().GetAsync(key.Id)).Description);
    }

    [Fact]
    public async Task EditKey_ChangedBySomeoneElse_BackToMyEditKeepsTheInputAndShowsTheirChange()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        var host = RenderTab();
        host.Find("button[aria-label='Edit Greeting']").Click();
        host.WaitForElement("textarea[aria-label='Description']").Input("mine");
        await Service<ConfigService>().UpdateAsync(key.Id, key.ToUpdateInput() with { Description = "theirs" }, key.Version);

        host.Find("button[aria-label='Save key']").Click();
        host.WaitForElement("button[aria-label='Back to my edit']").Click();

        host.WaitForAssertion(() => Assert.Contains("theirs", host.Find("[aria-label='Their changes']").TextContent));
        Assert.Equal("mine", host.Find("textarea[aria-label='Description']").GetAttribute("value"));
        Assert.Equal("theirs", (await Service<ConfigService>().GetAsync(key.Id)).Description);
    }

    [Fact]
    public async Task EditKey_ValuesPerEnvironment_SetsChangesAndRemovesOverridesFromTheKeyDialog()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello", overrides: new() { ["production"] = "hi, customers", ["staging"] = "hi, testers" });
        var host = RenderTab();
        host.Find("button[aria-label='Edit Greeting']").Click();

        Assert.Equal("hi, customers", host.WaitForElement("input[aria-label='Value in production']").GetAttribute("value"));
        host.Find("input[aria-label='Value in production']").Change("hello, customers");
        host.Find("input[aria-label='Own value in staging']").Change(false);
        host.Find("input[aria-label='Own value in development']").Change(true);
        host.WaitForElement("input[aria-label='Value in development']").Change("hello, developers");
        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save key']")), TimeSpan.FromSeconds(10));
        Assert.Equal(new Dictionary<string, string> { ["development"] = "hello, developers", ["production"] = "hello, customers" },
            (await Service<ConfigService>().GetAsync(key.Id)).Overrides);
        host.WaitForAssertion(() => Assert.Contains("hello, customers", host.Find("td[data-label='production'] .ca-value").TextContent));
    }

    [Fact]
    public async Task EditKey_SecretOverrides_AreKeptWithoutBeingShownUnlessReplaced()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Db:Password", value: "dev", secret: true, overrides: new() { ["production"] = "prod-secret" });
        var host = RenderTab();
        host.Find("button[aria-label='Edit Db:Password']").Click();

        host.WaitForElement("button[aria-label='Replace secret value in production']");
        Assert.Empty(host.FindAll("input[aria-label='Value in production']"));
        Assert.DoesNotContain("prod-secret", host.Markup);
        host.Find("textarea[aria-label='Description']").Input("The database's");
        host.Find("button[aria-label='Save key']").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save key']")), TimeSpan.FromSeconds(10));
        var stored = await Service<ConfigService>().RevealAsync(key.Id);
        Assert.Equal(("The database's", "prod-secret"), (stored.Description, stored.Overrides["production"]));
    }
}
