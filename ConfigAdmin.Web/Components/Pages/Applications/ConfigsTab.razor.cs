using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Dialogs;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Pages.Applications;

public partial class ConfigsTab
{
    [Inject] private ConfigService Configs { get; set; } = default!;
    [Inject] private EnvironmentService Environments { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Application { get; set; } = "";

    /// <summary>Raised after a key was added or deleted, so the page can refresh its counts.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>The caller's role here, from ApplicationPage: keys, overrides and reveals are offered to editors and admins only.</summary>
    [CascadingParameter] public PageAccess? Access { get; set; }

    private PageAccess Allowed => Access ?? PageAccess.ReadOnly;

    private MudDataGrid<ConfigDto> _grid = default!;
    private IReadOnlyList<EnvironmentDto> _environments = [];
    private string? _search;

    protected override async Task OnInitializedAsync() => _environments = await Environments.AllAsync();

    private async Task<GridData<ConfigDto>> LoadAsync(GridState<ConfigDto> state, CancellationToken ct)
    {
        var page = await Configs.ListAsync(new ConfigQuery(Application, null, _search, state.Page + 1, state.PageSize), ct);
        return new GridData<ConfigDto> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task SearchAsync(string? search)
    {
        _search = search;
        return _grid.ReloadServerData();
    }

    /// <summary>One value in clear: the environment's override, else the default it inherits.</summary>
    private async Task<string?> RevealAsync(Guid id, string? environment)
    {
        var clear = await Configs.RevealAsync(id);
        return environment is not null && clear.Overrides.TryGetValue(environment, out var value) ? value : clear.DefaultValue;
    }

    private async Task AddAsync()
    {
        if (await ShowKeyDialogAsync("Add key", null))
        {
            await _grid.ReloadServerData();
            await Changed.InvokeAsync();
        }
    }

    private async Task EditAsync(ConfigDto config)
    {
        await ShowKeyDialogAsync($"Edit {config.Key}", config);
        await _grid.ReloadServerData();
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
        }, Options);
        await dialog.Result;
        await _grid.ReloadServerData();
    }

    private async Task DeleteAsync(ConfigDto config)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, "Delete key",
                $"Delete '{config.Key}' with its {config.Overrides.Count} overrides? Clients stop receiving it.")) return;
        try
        {
            var outcome = await ConflictGuard.RunAsync(Dialogs, $"key '{config.Key}'", config.Version,
                version => Configs.DeleteAsync(config.Id, version));
            if (outcome == WriteOutcome.Saved) Snackbar.Add($"Key '{config.Key}' deleted.", Severity.Success);
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            Snackbar.Add(UiErrors.Message(ex), Severity.Error);
        }
        await _grid.ReloadServerData();
        await Changed.InvokeAsync();
    }

    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
}
