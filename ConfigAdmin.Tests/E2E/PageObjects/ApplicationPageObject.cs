using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ConfigAdmin.Tests.E2E.PageObjects;

/// <summary>/applications/{name}: the header and the Configs, Resolved and History tabs.</summary>
public sealed class ApplicationPageObject(IPage page)
{
    public IPage Page => page;

    public async Task GotoAsync(string name)
    {
        await page.GotoAsync($"applications/{name}");
        await WaitReadyAsync(name);
    }

    public async Task WaitReadyAsync(string name)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true })).ToBeVisibleAsync();
        await Expect(Button("Add key")).ToBeEnabledAsync();
    }

    public ILocator Button(string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Adds a key with a default through the key dialog, using the editor its type gets.</summary>
    public async Task AddKeyAsync(string key, string type, string? value)
    {
        await StartAddKeyAsync(key, type, value);
        await Button("Create key").ClickAsync();
        await Expect(page.GetByLabel("Key", new() { Exact = true })).ToHaveCountAsync(0);
        await Expect(Cell(key)).ToBeVisibleAsync();
    }

    /// <summary>Opens the key dialog and fills it, leaving it open.</summary>
    public async Task StartAddKeyAsync(string key, string type, string? value)
    {
        await Button("Add key").ClickAsync();
        await page.GetByLabel("Key", new() { Exact = true }).FillAsync(key);
        if (type != "string")
        {
            await page.GetByLabel("Type", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = type, Exact = true }).ClickAsync();
        }
        await FillValueAsync("Default value", type, value);
    }

    public async Task SetOverrideAsync(string key, string environment, string type, string value)
    {
        await Button($"Set {key} in {environment}").ClickAsync();
        await FillValueAsync($"Value in {environment}", type, value);
        await Button("Save override").ClickAsync();
        await Expect(Button("Save override")).ToHaveCountAsync(0);
    }

    public async Task EditDescriptionAsync(string key, string description)
    {
        await OpenEditAsync(key);
        await FillDescriptionAndSaveAsync(description);
        await ExpectClosedAsync("Save key");
    }

    /// <summary>Waits for the dialog of <paramref name="saveButton"/> to close; if it stays open, the failure says what the
    /// dialog shows (an error, a validation message), which the bare count assertion does not.</summary>
    public async Task ExpectClosedAsync(string saveButton)
    {
        try
        {
            await Expect(Button(saveButton)).ToHaveCountAsync(0);
        }
        catch (PlaywrightException ex)
        {
            var shown = await page.GetByRole(AriaRole.Dialog).AllInnerTextsAsync();
            throw new InvalidOperationException($"The dialog stayed open after '{saveButton}'. It shows: {string.Join(" | ", shown)}", ex);
        }
    }

    public Task OpenEditAsync(string key) => Button($"Edit {key}").ClickAsync();

    public async Task FillDescriptionAndSaveAsync(string description)
    {
        var field = page.GetByLabel("Description", new() { Exact = true });
        await field.FillAsync(description);
        // The field sends each input to the circuit; the save must follow the value, not race it.
        await Expect(field).ToHaveValueAsync(description);
        await Button("Save key").ClickAsync();
    }

    /// <summary>Opens the key's history dialog from its row and waits for its changes.</summary>
    public async Task<ILocator> OpenKeyHistoryAsync(string key)
    {
        await Button($"History of {key}").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog).Filter(new() { HasTextString = $"History of {key}" });
        await Expect(dialog.Locator("ol.ca-changelist > li").First).ToBeVisibleAsync();
        return dialog;
    }

    public ILocator Cell(string key) => page.Locator("code", new() { HasTextString = key }).First;

    public ILocator EnvironmentCell(string key, string environment) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("code", new() { HasTextString = key }) })
            .Locator($"td[data-label='{environment}']");

    public async Task OpenTabAsync(string tab) => await page.GetByRole(AriaRole.Tab, new() { Name = tab, Exact = true }).ClickAsync();

    public ILocator ResolvedJson => page.GetByLabel("Resolved JSON", new() { Exact = true });

    public async Task FillValueAsync(string label, string type, string? value)
    {
        var field = page.GetByLabel(label, new() { Exact = true });
        // The editor is swapped when the type changes; wait for this type's editor so the fill is not lost
        // on the one being replaced.
        var editor = type switch
        {
            "integer" => $"input[inputmode=numeric][aria-label='{label}']",
            "number" => $"input[inputmode=decimal][aria-label='{label}']",
            "json" => $"textarea[aria-label='{label}']",
            "boolean" => $"input[type=checkbox][aria-label='{label}'], [aria-label='{label}'] input[type=checkbox]",
            _ => $"input[aria-label='{label}']",
        };
        await Expect(page.Locator(editor).First).ToBeAttachedAsync();
        if (type == "boolean")
        {
            await field.SetCheckedAsync(value == "true");
            return;
        }
        await field.FillAsync(value ?? "");
        await field.BlurAsync();
        await Expect(field).ToHaveValueAsync(value ?? "");
    }
}
