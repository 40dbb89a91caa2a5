using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ConfigAdmin.Web.Components.Shared;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Components")]
public sealed class ConfigsTabTests : ComponentTestBase
{
    private IRenderedComponent<TestHost> RenderTab(string app = "shop", PageAccess? access = null)
    {
        var host = RenderHosted<ConfigsTab>(p => p.Add(t => t.Application, app)
            .AddCascadingValue(access ?? new PageAccess(Role.Admin, IsGlobalAdmin: true)));
        host.WaitForElement("td[data-label='production']");
        return host;
    }

    [Fact]
    public async Task Render_KeyWithOneOverride_ShowsInheritedDefaultsMutedAndTheOverrideNot()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", overrides: new() { ["production"] = "60" });

        var host = RenderTab();

        var production = host.Find("td[data-label='production'] .ca-value");
        Assert.Contains("60", production.TextContent);
        Assert.DoesNotContain("ca-muted", production.ClassName);
        var staging = host.Find("td[data-label='staging'] .ca-value");
        Assert.Contains("5", staging.TextContent);
        Assert.Contains("ca-muted", staging.ClassName);
        Assert.Equal("Inherited from the default: 5", staging.GetAttribute("title"));
    }

    [Fact]
    public async Task Render_OverridesThatDifferFromTheDefault_AreMarkedInWordsNotColourAlone()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5",
            overrides: new() { ["production"] = "60", ["staging"] = "5" });
        await Data.KeyAsync("shop", "Db:Password", value: "dev", secret: true, overrides: new() { ["production"] = "prod" });

        var host = RenderTab();

        var row = host.FindAll("tr").Single(r => r.TextContent.Contains("Cache:Minutes"));
        Assert.Equal("Differs from the default", row.QuerySelector("td[data-label='production'] .ca-differs .ca-sr-only")?.TextContent);
        Assert.Null(row.QuerySelector("td[data-label='staging'] .ca-differs"));
        Assert.Null(row.QuerySelector("td[data-label='development'] .ca-differs"));
        var secret = host.FindAll("tr").Single(r => r.TextContent.Contains("Db:Password"));
        Assert.Contains("not compared", secret.QuerySelector("td[data-label='production'] .ca-differs")?.TextContent);
    }

    [Fact]
    public async Task CompareWithProduction_MarksTheValuesThatResolveDifferently_InTheUrlAndInWords()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5",
            overrides: new() { ["production"] = "60", ["staging"] = "60" });
        await Data.KeyAsync("shop", "Feature:Beta", ConfigValueType.Boolean, "false", overrides: new() { ["development"] = "true" });
        await Data.KeyAsync("shop", "Db:Password", value: "dev", secret: true, overrides: new() { ["production"] = "prod" });
        var host = RenderTab();
        Assert.Empty(host.FindAll(".ca-vs-diff"));

        host.Find("button[aria-label='Compare with production']").Click();

        var navigation = Service<NavigationManager>();
        host.WaitForAssertion(() => Assert.EndsWith("?vs=production", navigation.Uri));
        host.WaitForAssertion(() => Assert.Equal("true", host.Find("button[aria-label='Compare with production']").GetAttribute("aria-pressed")));
        Assert.Contains("ca-vs-base", host.Find("th:has(button[aria-label='Compare with production'])").ClassName);
        Row(host, "Cache:Minutes", "production", r => Assert.Contains("ca-vs-base", r.ClassName));
        // Staging resolves to 60 like production; development inherits 5.
        Row(host, "Cache:Minutes", "staging", r => Assert.DoesNotContain("ca-vs-diff", r.ClassName));
        Row(host, "Cache:Minutes", "development", r =>
        {
            Assert.Contains("ca-vs-diff", r.ClassName);
            Assert.Contains("Differs from production", r.TextContent);
        });
        Row(host, "Feature:Beta", "development", r => Assert.Contains("ca-vs-diff", r.ClassName));
        Row(host, "Feature:Beta", "staging", r => Assert.DoesNotContain("ca-vs-diff", r.ClassName));
        // Secrets are held masked in the grid: not compared, so not marked either way.
        Row(host, "Db:Password", "development", r => Assert.DoesNotContain("ca-vs-diff", r.ClassName));

        host.Find("button[aria-label='Compare with production']").Click();
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".ca-vs-diff")));
        Assert.DoesNotContain("vs=", navigation.Uri);
    }

    [Fact]
    public async Task CompareWith_AnEnvironmentNotInTheGrid_MarksNothing()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", overrides: new() { ["production"] = "60" });
        Service<NavigationManager>().NavigateTo("/applications/shop?vs=nowhere");

        var host = RenderTab();

        Assert.Empty(host.FindAll(".ca-vs-diff, .ca-vs-base"));
        Assert.All(host.FindAll("button[aria-label^='Compare with']"), b => Assert.Equal("false", b.GetAttribute("aria-pressed")));
    }

    [Fact]
    public async Task Search_TypedIntoTheBox_ShowsTheKeysWhoseNameOrDescriptionMatch_AndTheUrlKeepsIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Host", value: "localhost");
        await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5", description: "How long DB results stay");
        await Data.KeyAsync("shop", "Feature:Beta", ConfigValueType.Boolean, "false");
        var host = RenderTab();
        var navigation = Service<NavigationManager>();

        host.Find("input[aria-label='Filter keys']").Input("db");

        host.WaitForAssertion(() => Assert.Equal(["Cache:Minutes", "Db:Host"], Keys(host)));
        host.WaitForAssertion(() => Assert.EndsWith("/?q=db", navigation.Uri));
        host.Find("input[aria-label='Filter keys']").Input(" ");
        host.WaitForAssertion(() => Assert.Equal(["Cache:Minutes", "Db:Host", "Feature:Beta"], Keys(host)));
        host.WaitForAssertion(() => Assert.DoesNotContain("q=", navigation.Uri));
    }

    [Fact]
    public async Task Search_InTheUrl_AsAHitOfTheGlobalSearchLinksIt_ShowsThatKey_AndBackShowsAll()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Host", value: "localhost");
        await Data.KeyAsync("shop", "Feature:Beta", ConfigValueType.Boolean, "false");
        var navigation = Service<NavigationManager>();
        navigation.NavigateTo("/applications/shop?tab=configs&q=Db%3AHost");

        var host = RenderTab();

        Assert.Equal(["Db:Host"], Keys(host));
        Assert.Equal("Db:Host", host.Find("input[aria-label='Filter keys']").GetAttribute("value"));
        navigation.NavigateTo("/applications/shop?tab=configs");
        host.WaitForAssertion(() => Assert.Equal(["Db:Host", "Feature:Beta"], Keys(host)));
        Assert.Null(host.Find("input[aria-label='Filter keys']").GetAttribute("value"));
    }

    [Fact]
    public async Task Search_AHandMadeUrlWithAControlCharacter_SaysWhyAndShowsNoKeys()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Host", value: "localhost");
        Service<NavigationManager>().NavigateTo("/applications/shop?q=a%00b");

        var host = RenderHosted<ConfigsTab>(p => p.Add(t => t.Application, "shop")
            .AddCascadingValue(new PageAccess(Role.Admin, IsGlobalAdmin: true)));

        host.WaitForAssertion(() => Assert.Contains("No keys match.", host.Markup));
        Assert.Empty(Keys(host));
        Assert.NotEmpty(host.FindAll(".mud-snackbar"));
    }

    private static List<string> Keys(IRenderedComponent<TestHost> host) =>
        host.FindAll("tbody td[data-label='Key'] code").Select(c => c.TextContent).Order(StringComparer.Ordinal).ToList();

    private static void Row(IRenderedComponent<TestHost> host, string key, string environment, Action<AngleSharp.Dom.IElement> check) =>
        check(host.FindAll("tr").Single(r => r.TextContent.Contains(key)).QuerySelector($"td[data-label='{environment}']")!);

    [Fact]
    public async Task Render_LongJsonDefault_ShowsOneShortLineWithTheWholeValueOnHover()
    {
        await Data.AppAsync();
        var json = "{\"endpoints\":[\"https://eu.example.com/api\",\"https://us.example.com/api\"],\"timeoutSeconds\":30,\"retry\":3}";
        await Data.KeyAsync("shop", "Upstreams", ConfigValueType.Json, json);

        var host = RenderTab();

        var cell = host.Find("td[data-label='Default'] .ca-value");
        Assert.Equal(json, cell.GetAttribute("title"));
        Assert.True(cell.TextContent.Length <= 80, cell.TextContent);
        Assert.Equal("Inherited from the default: " + json, host.Find("td[data-label='production'] .ca-value").GetAttribute("title"));
    }

    [Fact]
    public async Task Render_SecretKey_MasksEveryValueUntilOneIsRevealed()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Password", value: "dev-secret", secret: true, overrides: new() { ["production"] = "prod-secret" });

        var host = RenderTab();

        Assert.DoesNotContain("dev-secret", host.Markup);
        Assert.DoesNotContain("prod-secret", host.Markup);
        host.Find("button[aria-label='Reveal Db:Password in production']").Click();
        host.WaitForAssertion(() => Assert.Contains("prod-secret", host.Find("td[data-label='production']").TextContent));
        Assert.DoesNotContain("dev-secret", host.Markup);
    }

    [Fact]
    public async Task Render_KeyWithoutDefault_SaysNotSetWhereNothingIsInherited()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Only:Prod", value: null, overrides: new() { ["production"] = "p" });

        var host = RenderTab();

        Assert.Equal("not set", host.Find("td[data-label='staging'] .ca-muted").TextContent);
        Assert.Contains("p", host.Find("td[data-label='production'] .ca-value").TextContent);
    }

    [Fact]
    public async Task RevealSecret_HideAgain_MasksItWithoutAskingTwice()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Password", value: "dev-secret", secret: true);
        var host = RenderTab();

        host.Find("button[aria-label='Reveal Db:Password default']").Click();
        host.WaitForAssertion(() => Assert.Contains("dev-secret", host.Markup));
        host.Find("button[aria-label='Hide Db:Password default']").Click();

        host.WaitForAssertion(() => Assert.DoesNotContain("dev-secret", host.Markup));
        Assert.NotNull(host.Find("button[aria-label='Reveal Db:Password default']"));
    }

    [Fact]
    public async Task Render_TwentyFiveKeysInEightEnvironments_HoldsNoComponentPerCell()
    {
        // Each component instance keeps render buffers for the circuit's life (docs/benchmarks.md): the grid's
        // cells must be plain markup, or a page of keys costs megabytes per open browser tab.
        await Data.AppAsync();
        foreach (var env in new[] { "qa", "uat", "perf", "demo", "eu" })
            await Service<EnvironmentService>().CreateAsync(new(env, null));
        for (var k = 0; k < 25; k++)
            await Data.KeyAsync("shop", $"Key{k:D2}", value: "v", secret: k % 5 == 0, overrides: new() { ["qa"] = "q" });

        var host = RenderTab();

        host.WaitForAssertion(() => Assert.Equal(25, host.FindAll("button[aria-label^='Edit Key']").Count));
        Assert.Equal(200, host.FindAll("button[aria-label^='Set Key']").Count);
        Assert.Empty(host.FindComponents<MudIconButton>());
        Assert.Empty(host.FindComponents<MudStack>());
        Assert.Empty(host.FindComponents<MudChip<string>>());
        var components = host.FindComponents<IComponent>().Count;
        Assert.True(components < 40, $"{components} components");
    }

    [Fact]
    public async Task Render_TwentyFiveKeysInEightEnvironments_FitsInAFrameBudget()
    {
        // The grid's render tree is kept for the circuit's life in an array that doubles as it grows: 4,096 frames
        // take 180 KB, one frame more takes 360 KB (docs/benchmarks.md, circuit memory). The bench's page: every
        // other environment overrides (a difference mark each), one key in ten secret, a third described.
        await Data.AppAsync();
        foreach (var env in new[] { "qa", "uat", "perf", "demo", "eu" })
            await Service<EnvironmentService>().CreateAsync(new(env, null));
        var environments = new[] { "development", "staging", "production", "qa", "uat", "perf", "demo", "eu" };
        for (var k = 0; k < 25; k++)
            await Data.KeyAsync("shop", $"Feature:Section{k:D2}:Setting", value: $"value-{k}", secret: k % 10 == 0,
                overrides: environments.Where((_, i) => (i + k) % 2 == 0).ToDictionary(e => e, e => (string?)$"value-{k}-{e}"),
                description: k % 3 == 0 ? $"What key {k} is for" : null);

        var host = RenderTab();
        host.WaitForAssertion(() => Assert.Equal(25, host.FindAll("button[aria-label^='Edit Feature']").Count));

        var tab = host.FindComponent<ConfigsTab>();
        var frames = FrameCount(tab.ComponentId);
        Assert.True(frames <= 4096, $"{frames} frames");
    }

    /// <summary>How many frames the component's current render tree holds: the renderer's own count, read by reflection.</summary>
    private int FrameCount(int componentId)
    {
        const System.Reflection.BindingFlags Instance = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic;
        var range = typeof(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder).Assembly
            .GetType("Microsoft.AspNetCore.Components.RenderTree.Renderer")!.GetMethod("GetCurrentRenderTreeFrames", Instance)!
            .Invoke(Renderer, [componentId])!;
        return (int)range.GetType().GetField("Count")!.GetValue(range)!;
    }

    [Fact]
    public async Task OverrideDialog_InvalidJson_ShowsTheJsonCheckAndStoresNothing()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Search:Boosts", ConfigValueType.Json, """{"title":3}""");
        var host = RenderTab();

        host.Find("button[aria-label='Set Search:Boosts in staging']").Click();
        host.WaitForElement("textarea[aria-label='Value in staging']").Change("{\"title\":");
        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Contains("'Value' must be well-formed JSON.", host.Markup));
        Assert.Empty((await Service<ConfigService>().GetAsync(key.Id)).Overrides);
    }

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
    public async Task OverrideDialog_ValidNumber_SetsTheOverride()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Retry:Backoff", ConfigValueType.Number, "1.5");
        var host = RenderTab();

        host.Find("button[aria-label='Set Retry:Backoff in production']").Click();
        host.WaitForElement("input[aria-label='Value in production']").Input("2.25");
        host.Find("button[aria-label='Save override']").Click();

        host.WaitForAssertion(() => Assert.Contains("2.25", host.Find("td[data-label='production'] .ca-value").TextContent));
        Assert.Equal("2.25", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["production"]);
    }

    [Fact]
    public async Task OverrideDialog_SubmittedFromItsField_SavesAsTheButtonDoes()
    {
        // The browser submits a one-field form on Enter (E2E/ValueEditorTests covers the key press itself).
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Greeting", value: "hello");
        var host = RenderTab();

        host.Find("button[aria-label='Set Greeting in production']").Click();
        host.WaitForElement("input[aria-label='Value in production']").Change("hello, customers");
        host.Find("form.ca-dialog-form").Submit();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("button[aria-label='Save override']")));
        Assert.Equal("hello, customers", (await Service<ConfigService>().GetAsync(key.Id)).Overrides["production"]);
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
    public async Task DeleteKey_WhileDeleting_ShowsProgressAndCannotBeConfirmedTwice()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Old:Flag", ConfigValueType.Boolean, "true");
        var host = RenderTab();
        host.Find("button[aria-label='Delete Old:Flag']").Click();
        var confirm = host.WaitForElement("button[aria-label='Delete']");

        Gate.Close();
        confirm.Click();

        host.WaitForAssertion(() =>
        {
            var busy = host.Find("button[aria-label='Delete']");
            Assert.True(busy.HasAttribute("disabled"));
            Assert.Equal("true", busy.GetAttribute("aria-busy"));
            Assert.Contains("Deleting", busy.TextContent);
            var row = host.Find("button[aria-label='Delete Old:Flag']");
            Assert.True(row.HasAttribute("disabled"));
            Assert.Equal("true", row.GetAttribute("aria-busy"));
        });
        Gate.Open();
        host.WaitForAssertion(() => Assert.Contains("No keys yet", host.Markup));
        Assert.Equal(0, await Service<ConfigService>().CountAsync());
    }

    [Fact]
    public async Task DeleteKey_Confirmed_RemovesIt()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Old:Flag", ConfigValueType.Boolean, "true");
        var host = RenderTab();

        host.Find("button[aria-label='Delete Old:Flag']").Click();
        host.WaitForElement("button[aria-label='Delete']").Click();

        host.WaitForAssertion(() => Assert.Contains("No keys yet", host.Markup));
        Assert.Equal(0, await Service<ConfigService>().CountAsync());
    }

    [Fact]
    public async Task HistoryOfAKey_FromItsRow_OpensItsChangesAndNoOtherKeys()
    {
        await Data.AppAsync();
        var key = await Data.KeyAsync("shop", "Cache:Minutes", ConfigValueType.Integer, "5");
        await Service<ConfigService>().UpdateAsync(key.Id, key.ToUpdateInput() with { DefaultValue = "10" }, null);
        await Data.KeyAsync("shop", "Other", value: "x");
        var host = RenderTab();

        host.Find("button[aria-label='History of Cache:Minutes']").Click();

        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll(".mud-dialog ol.ca-changelist > li").Count));
        Assert.All(host.FindAll(".mud-dialog ol.ca-changelist > li"), c => Assert.Equal("Cache:Minutes", c.GetAttribute("data-key")));
        Assert.Contains("History of Cache:Minutes", host.Find(".mud-dialog").TextContent);
    }

    [Fact]
    public async Task Render_ForAViewer_OffersNoControlThatWritesOrReveals()
    {
        await Data.AppAsync();
        await Data.KeyAsync("shop", "Db:Password", value: "dev-secret", secret: true);

        var host = RenderTab(access: new PageAccess(Role.Viewer, IsGlobalAdmin: false));

        Assert.Contains("Db:Password", host.Markup);
        Assert.Empty(host.FindAll("button[aria-label='Add key']"));
        Assert.Empty(host.FindAll("button[aria-label^='Set Db:Password']"));
        Assert.Empty(host.FindAll("button[aria-label='Edit Db:Password'], button[aria-label='Delete Db:Password']"));
        Assert.Empty(host.FindAll("button[aria-label^='Reveal ']"));
    }
}
