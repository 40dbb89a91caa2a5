using ConfigAdmin.Core.Configs;
using ConfigAdmin.Web.Components.Dialogs;
using ConfigAdmin.Web.Components.Shared;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Pages.Applications;

/// <summary>The grid's writes: each opens its dialog, and the grid shows the keys as they are after it.</summary>
public partial class ConfigsTab
{
    private async Task AddAsync()
    {
        if (await ShowKeyDialogAsync("Add key", null))
        {
            await ReloadAsync();
            await Changed.InvokeAsync();
        }
    }

    private async Task EditAsync(ConfigDto config)
    {
        await ShowKeyDialogAsync($"Edit {config.Key}", config);
        await ReloadAsync();
    }

    /// <summary>The key's changes; a change reverted there changes the row, so the grid reloads.</summary>
    private async Task HistoryAsync(ConfigDto config)
    {
        if (await KeyHistoryDialog.ShowAsync(Dialogs, Application, config.Key)) await ReloadAsync();
    }

    private async Task<bool> ShowKeyDialogAsync(string title, ConfigDto? existing)
    {
        var dialog = await Dialogs.ShowAsync<ConfigKeyDialog>(title, new DialogParameters<ConfigKeyDialog>
        {
            { d => d.Application, Application }, { d => d.Existing, existing },
        }, Options);
        return await dialog.Result is { Canceled: false, Data: true };
    }

    private async Task EditOverrideAsync(ConfigDto config, string environment)
    {
        var dialog = await Dialogs.ShowAsync<OverrideDialog>($"{config.Key} in {environment}", new DialogParameters<OverrideDialog>
        {
            { d => d.Config, config }, { d => d.Environment, environment },
            { d => d.Protected, _environments.Any(e => e.Name == environment && e.RequiredApprovals > 0) },
        }, Options);
        var result = await dialog.Result;
        await ReloadAsync();
        if (result is { Canceled: false, Data: OverrideDialog.Removed removed }) OfferUndo(removed);
    }

    /// <summary>Says the override went, with an Undo that puts it back (a secret one too, without showing it).</summary>
    private void OfferUndo(OverrideDialog.Removed removed) =>
        Snackbar.Add($"'{removed.Config.Key}' in {removed.Environment} inherits the default again.", Severity.Success, o =>
        {
            o.Action = "Undo";
            o.ActionColor = Color.Inherit;
            o.OnClick = _ => InvokeAsync(() => UndoAsync(removed));
        });

    /// <summary>Reverts the removal's change, unless the key changed since (its history can still revert it then).</summary>
    private async Task UndoAsync(OverrideDialog.Removed removed)
    {
        var (config, environment) = (removed.Config, removed.Environment);
        try
        {
            if ((await Configs.GetAsync(config.Id)).Version != config.Version)
            {
                Snackbar.Add($"'{config.Key}' changed since; its history can still revert the removal.", Severity.Warning);
                return;
            }
            var revision = (await History.RevisionsAsync(config.Id)).Single(r => r.Version == config.Version);
            await History.RevertAsync(config.Id, revision.Id, dryRun: false);
            Snackbar.Add($"The override of '{config.Key}' in {environment} is back.", Severity.Success);
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            Snackbar.Add(UiErrors.Message(ex), Severity.Error);
        }
        await ReloadAsync();
    }

    private async Task DeleteAsync(ConfigDto config)
    {
        if (!_deleting.Add(config.Id)) return;
        try
        {
            var outcome = WriteOutcome.Reload;
            if (!await ConfirmDialog.RunAsync(Dialogs, "Delete key",
                    $"Delete '{config.Key}' with its {config.Overrides.Count} overrides? Clients stop receiving it.",
                    async () => outcome = await ConflictGuard.RunAsync(Dialogs, $"key '{config.Key}'", config.Version,
                        version => Configs.DeleteAsync(config.Id, version)))) return;
            if (outcome == WriteOutcome.Saved) Snackbar.Add($"Key '{config.Key}' deleted.", Severity.Success);
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            Snackbar.Add(UiErrors.Message(ex), Severity.Error);
        }
        finally
        {
            _deleting.Remove(config.Id);
        }
        await ReloadAsync();
        await Changed.InvokeAsync();
    }
}
