using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Dialogs;
using ConfigAdmin.Web.Components.Shared;
using ValidationException = FluentValidation.ValidationException;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Pages.Applications;

public partial class ConfigsTab
{
    [Inject] private ConfigService Configs { get; set; } = default!;
    [Inject] private EnvironmentService Environments { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter, EditorRequired] public string Application { get; set; } = "";

    /// <summary>Raised after a key was added or deleted, so the page can refresh its counts.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    /// <summary>The caller's role here, from ApplicationPage: keys, overrides and reveals are offered to editors and admins only.</summary>
    [CascadingParameter] public PageAccess? Access { get; set; }

    /// <summary>The environment the others are compared with (?vs=production): cells whose value differs from it are marked.</summary>
    [SupplyParameterFromQuery(Name = "vs")] public string? Vs { get; set; }

    /// <summary>The search (?q=): what the search box holds, and where a hit of the global search lands.</summary>
    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    private PageAccess Allowed => Access ?? PageAccess.ReadOnly;

    /// <summary>The compared-with environment, when it is one of the columns.</summary>
    private string? CompareWith => Vs is { } vs && _columns.Contains(vs) ? vs : null;
    private IReadOnlyList<EnvironmentDto> _environments = [];

    /// <summary>The value columns: the default (null), then each environment by name.</summary>
    private IReadOnlyList<string?> _columns = [null];
    private IReadOnlyList<ConfigDto> _keys = [];
    private int _page = 1;
    private int _pageSize = 25;
    private int _total;
    private bool _loading = true;
    private string? _search;

    /// <summary>The search box's text as last typed, searched once typing pauses.</summary>
    private string? _typed;

    /// <summary>Clear values the user asked to see, per (key, environment or null for the default); gone on reload.</summary>
    private readonly Dictionary<(Guid, string?), string?> _revealed = [];
    private readonly HashSet<(Guid, string?)> _revealing = [];
    private readonly HashSet<Guid> _deleting = [];

    private bool Disabled => !RendererInfo.IsInteractive;

    protected override async Task OnInitializedAsync()
    {
        _search = _typed = Search(Q);
        _environments = await Environments.AllAsync();
        _columns = [null, .. _environments.Select(e => e.Name)];
        // Keys load once the circuit is interactive, as MudDataGrid's server data did: prerendering stays cheap.
        if (RendererInfo.IsInteractive) await LoadAsync();
    }

    /// <summary>What the grid takes from its parent, as of its last parameters.</summary>
    private (string Application, string? Vs, string? Q, PageAccess Allowed)? _inputs;

    /// <summary>
    /// The page hands its tabs their parameters again whenever it renders (a refresh of its header, the cascading
    /// access): when nothing the grid shows changed, the grid takes them without rendering. Besides the work, each
    /// render swaps the grid's two render-tree buffers, and the idle one would grow to the grid's full size for the
    /// circuit's life (docs/benchmarks.md, circuit memory). The grid's own changes render as usual.
    /// </summary>
    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (_inputs is null) return base.SetParametersAsync(parameters);
        parameters.SetParameterProperties(this);
        return _inputs == (Application, Vs, Q, Allowed) ? Task.CompletedTask : base.SetParametersAsync(parameters);
    }

    protected override async Task OnParametersSetAsync()
    {
        var first = _inputs is null;
        _inputs = (Application, Vs, Q, Allowed);
        // Back, forward or a link changed ?q=: search for it (typing has set _search already).
        var asked = Search(Q);
        if (!first && asked != _search && RendererInfo.IsInteractive)
        {
            (_search, _typed, _page) = (asked, asked, 1);
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            var page = await Configs.ListAsync(new ConfigQuery(Application, null, _search, _page, _pageSize));
            if (page.Items.Count == 0 && page.TotalCount > 0 && _page > 1)
            {
                // The last row of the last page went (a delete): show the page before instead of an empty one.
                _page = (page.TotalCount + _pageSize - 1) / _pageSize;
                page = await Configs.ListAsync(new ConfigQuery(Application, null, _search, _page, _pageSize));
            }
            (_keys, _total) = (page.Items, page.TotalCount);
            // Values may have changed: a revealed secret would otherwise show its old clear text.
            _revealed.Clear();
        }
        catch (ValidationException ex)
        {
            // A hand-made ?q= the search refuses (a control character): say so and show no keys.
            (_keys, _total) = ([], 0);
            Snackbar.Add(UiErrors.Message(ex), Severity.Error);
        }
        finally
        {
            _loading = false;
        }
    }

    /// <summary>Searches once typing pauses (a two-way binding, so a render never overwrites keys still in flight).</summary>
    private async Task SearchTypedAsync()
    {
        var text = _typed;
        await Task.Delay(SearchDebounce);
        if (_typed != text || Search(text) == _search) return; // a later keystroke takes over, or nothing changed
        (_search, _page) = (Search(text), 1);
        await LoadAsync();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", _search), replace: true);
    }

    /// <summary>What a search text asks for: nothing when blank; a hand-made ?q= longer than the box allows is cut.</summary>
    private static string? Search(string? text)
    {
        var search = text?.Trim();
        return string.IsNullOrEmpty(search) ? null : search.Length > SearchMaxLength ? search[..SearchMaxLength] : search;
    }

    private const int SearchMaxLength = ConfigQuery.MaxSearchLength;
    private static readonly TimeSpan SearchDebounce = TimeSpan.FromMilliseconds(300);
    private static readonly MarkupString SearchIcon = new(
        $"""<svg class="mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-input-adornment-icon" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{Icons.Material.Filled.Search}</svg>""");

    private Task GoToPageAsync(int page)
    {
        _page = page;
        return LoadAsync();
    }

    private Task ResizeAsync(int pageSize)
    {
        (_pageSize, _page) = (pageSize, 1);
        return LoadAsync();
    }

    private async Task ToggleRevealAsync(Guid id, string? environment)
    {
        var cell = (id, environment);
        if (_revealed.Remove(cell) || !_revealing.Add(cell)) return;
        try
        {
            _revealed[cell] = await RevealAsync(id, environment);
        }
        finally
        {
            _revealing.Remove(cell);
        }
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
            await LoadAsync();
            await Changed.InvokeAsync();
        }
    }

    private async Task EditAsync(ConfigDto config)
    {
        await ShowKeyDialogAsync($"Edit {config.Key}", config);
        await LoadAsync();
    }

    /// <summary>The key's changes; a change reverted there changes the row, so the grid reloads.</summary>
    private async Task HistoryAsync(ConfigDto config)
    {
        if (await KeyHistoryDialog.ShowAsync(Dialogs, Application, config.Key)) await LoadAsync();
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
        await LoadAsync();
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
        await LoadAsync();
        await Changed.InvokeAsync();
    }

    /// <summary>Compares the other columns with <paramref name="environment"/>, or stops when it is the one compared with already.</summary>
    private void ToggleCompare(string environment) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("vs", environment == CompareWith ? null : environment));

    /// <summary>
    /// Whether the cell's value differs from the compared-with environment's in the same row: what each environment
    /// resolves to (its override, else the default). Secrets are held masked here, so they are not compared.
    /// </summary>
    private bool Versus(ConfigDto config, string? environment) =>
        CompareWith is { } vs && environment is not null && environment != vs && !config.IsSecret
        && Resolved(config, environment) != Resolved(config, vs);

    private static string? Resolved(ConfigDto config, string environment) =>
        config.Overrides.TryGetValue(environment, out var value) ? value : config.DefaultValue;

    private string CellClass(string? environment, bool versus) =>
        versus ? "mud-table-cell ca-cell ca-vs-diff" : environment is not null && environment == CompareWith ? "mud-table-cell ca-cell ca-vs-base" : "mud-table-cell ca-cell";

    private static string SetLabel(ConfigDto config, string environment) => $"Set {config.Key} in {environment}";

    private static string RevealLabel(ConfigDto config, string? environment, bool hidden) =>
        $"{(hidden ? "Reveal" : "Hide")} {config.Key} {(environment is null ? "default" : $"in {environment}")}";

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "…";

    private const string Inherited = "Inherited from the default";
    private const string DiffersText = "Differs from the default";

    /// <summary>A secret override is marked without comparing: the grid holds secrets masked only.</summary>
    private const string OverridesText = "Overrides the default (secret, not compared)";

    // The marks are shared markup: one frame a cell instead of nine (the frame budget in ConfigsTabTests).
    private static readonly MarkupString DiffersMark = Mark(DiffersText);
    private static readonly MarkupString OverridesMark = Mark(OverridesText);

    private static MarkupString Mark(string text) => new(
        $"""<span class="ca-differs" title="{text}"><span aria-hidden="true">≠</span><span class="ca-sr-only">{text}</span></span>""");

    /// <summary>The hover text of a value: all of it (a very long one cut short; the editor shows it whole).</summary>
    private static string Tip(string value, bool inherited)
    {
        var shown = value.Length <= TipChars ? value : value[..TipChars] + "… (open the editor for the rest)";
        return inherited ? $"{Inherited}: {shown}" : shown;
    }

    private const int TipChars = 1000;

    /// <summary>Each type's chip, MudChip's look as shared markup: one frame a row.</summary>
    private static readonly Dictionary<ConfigValueType, MarkupString> TypeChips = Enum.GetValues<ConfigValueType>().ToDictionary(t => t,
        t => new MarkupString($"""<span class="mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-default ca-chip">{t.ToString().ToLowerInvariant()}</span>"""));

    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
}
