using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Dialogs;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Microsoft.JSInterop;
using MudBlazor;
using ValidationException = FluentValidation.ValidationException;

namespace ConfigAdmin.Web.Components.Pages.Applications;

public partial class ConfigsTab
{
    [Inject] private ConfigService Configs { get; set; } = default!;
    [Inject] private EnvironmentService Environments { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Core.Changes.HistoryService History { get; set; } = default!;

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

    /// <summary>The compared-with environment, when it is one of the columns shown.</summary>
    private string? CompareWith => Vs is { } vs && _columns.Contains(vs) ? vs : null;

    private IReadOnlyList<EnvironmentDto> _environments = [];

    /// <summary>Environments the admin chose not to show, remembered by the browser (EnvironmentColumns).</summary>
    private IReadOnlySet<string> _hidden = new HashSet<string>();

    /// <summary>The value columns: the default (null), then each environment shown, by name.</summary>
    private IReadOnlyList<string?> _columns = [null];

    private Virtualize<ConfigDto>? _rows;

    /// <summary>A new search starts a new list (and its scroll position) rather than reshaping the old one.</summary>
    private int _generation;
    private int _total;
    private bool _loaded;
    private string? _search;

    /// <summary>The search box's text as last typed, searched once typing pauses.</summary>
    private string? _typed;

    /// <summary>?q= as this tab last saw it: a render that brings the same address again changes nothing.</summary>
    private string? _seenQ;

    /// <summary>
    /// Searches this tab put in the address itself, oldest first, whose location change has not come back yet. On a busy
    /// server the address of an earlier pause ("b") can come back after typing went on ("banner"): it is this tab's own,
    /// late, not a user going back, and must not replace what was typed since.
    /// </summary>
    private readonly List<string?> _sent = [];
    private readonly HashSet<Guid> _deleting = [];

    // Created once: every row gets the same callbacks, so a render of the grid gives its rows nothing new.
    private EventCallback<ConfigDto> _onEdit, _onHistory, _onDelete;
    private EventCallback<(ConfigDto, string)> _onSetOverride;

    /// <summary>
    /// Controls take input once the tab is interactive and has read what it starts from (the environments, the browser's
    /// hidden columns): the first interactive render comes while that is still being read.
    /// </summary>
    private bool Disabled => !RendererInfo.IsInteractive || !_initialized;

    private bool _initialized;

    private int ColumnCount => _columns.Count + 3;

    /// <summary>
    /// The Key column's share of a wide screen: what the value columns do not need. With few environments shown a
    /// key's segments fit whole (names break between segments only); with many, the values keep their room.
    /// </summary>
    private string KeyWidth => $"width:{Math.Clamp(36 - 3 * _columns.Count, 18, 26)}%";

    private string CountText => !_loaded ? "" : _total == 1 ? "1 key" : $"{_total:N0} keys";

    /// <summary>A row's height as the grid estimates it before measuring; one line of values and a description.</summary>
    private const float RowHeight = 44;

    protected override async Task OnInitializedAsync()
    {
        (_onEdit, _onHistory, _onDelete) = (Create<ConfigDto>(EditAsync), Create<ConfigDto>(HistoryAsync), Create<ConfigDto>(DeleteAsync));
        _onSetOverride = Create<(ConfigDto, string)>(row => EditOverrideAsync(row.Item1, row.Item2));
        _search = _typed = _seenQ = Search(Q);
        _environments = await Environments.AllAsync();
        // The browser's choice of columns, read before the first rows load (prerendering has no browser to ask).
        if (RendererInfo.IsInteractive) _hidden = await EnvironmentColumns.ReadAsync(JS);
        ShowColumns();
        _initialized = true;
    }

    private EventCallback<T> Create<T>(Func<T, Task> handler) => EventCallback.Factory.Create(this, handler);

    protected override async Task OnParametersSetAsync()
    {
        var asked = Search(Q);
        if (asked == _seenQ || !RendererInfo.IsInteractive) return;
        _seenQ = asked;
        var own = _sent.IndexOf(asked);
        if (own >= 0)
        {
            // One of this tab's own addresses coming back: the search already holds it, or a later one still to come.
            _sent.RemoveRange(0, own + 1);
            if (asked != _search && _sent.Count == 0) NavigateToSearch();
            return;
        }
        // Back, forward or a link changed ?q=: search for it.
        _sent.Clear();
        if (asked == _search) return;
        (_search, _typed) = (asked, asked);
        await RestartAsync();
    }

    /// <summary>Puts the search in the address (replacing it: a search is not a step Back should retrace).</summary>
    private void NavigateToSearch()
    {
        _sent.Add(_search);
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", _search), replace: true);
    }

    private void ShowColumns() => _columns = [null, .. _environments.Select(e => e.Name).Where(n => !_hidden.Contains(n))];

    private async Task HideAsync(IReadOnlySet<string> hidden)
    {
        _hidden = hidden;
        ShowColumns();
        await EnvironmentColumns.RememberAsync(JS, hidden);
    }

    /// <summary>The rows in view, as the grid asks for them: one or two pages of the key list around them.</summary>
    private async ValueTask<ItemsProviderResult<ConfigDto>> LoadRowsAsync(ItemsProviderRequest request)
    {
        try
        {
            var size = Math.Clamp(request.Count, 1, Core.Common.PageRequest.MaxPageSize);
            var first = request.StartIndex / size;
            var page = await Configs.ListAsync(new ConfigQuery(Application, null, _search, first + 1, size) { IncludeFlags = false }, request.CancellationToken);
            var rows = page.Items.Skip(request.StartIndex - first * size).ToList();
            if (rows.Count < request.Count && (first + 1) * size < page.TotalCount)
            {
                var next = await Configs.ListAsync(new ConfigQuery(Application, null, _search, first + 2, size) { IncludeFlags = false }, request.CancellationToken);
                rows.AddRange(next.Items.Take(request.Count - rows.Count));
            }
            Loaded(page.TotalCount);
            return new(rows, page.TotalCount);
        }
        catch (ValidationException ex)
        {
            // A hand-made ?q= the search refuses (a control character): say so and show no keys.
            Snackbar.Add(UiErrors.Message(ex), Severity.Error);
            Loaded(0);
            return new([], 0);
        }
    }

    /// <summary>The count and the empty state live outside the rows: the tab renders when either changes.</summary>
    private void Loaded(int total)
    {
        if (_loaded && total == _total) return;
        (_loaded, _total) = (true, total);
        StateHasChanged();
    }

    /// <summary>Shows the keys as they are now, where the user is (after a write, or an Undo from a snackbar).</summary>
    private async Task ReloadAsync()
    {
        if (_rows is not null) await _rows.RefreshDataAsync();
        // Virtualize loads the rows without rendering them; the grid renders them with its own render.
        StateHasChanged();
    }

    /// <summary>A new search: a new list from its top.</summary>
    private Task RestartAsync()
    {
        _generation++;
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>Searches once typing pauses (a two-way binding, so a render never overwrites keys still in flight).</summary>
    private async Task SearchTypedAsync()
    {
        var text = _typed;
        await Task.Delay(SearchDebounce);
        if (_typed != text || Search(text) == _search) return; // a later keystroke takes over, or nothing changed
        _search = Search(text);
        await RestartAsync();
        NavigateToSearch();
    }

    /// <summary>What a search text asks for: nothing when blank; a hand-made ?q= longer than the box allows is cut.</summary>
    private static string? Search(string? text)
    {
        var search = text?.Trim();
        return string.IsNullOrEmpty(search) ? null : search.Length > SearchMaxLength ? search[..SearchMaxLength] : search;
    }

    private const int SearchMaxLength = ConfigQuery.MaxSearchLength;
    private static readonly TimeSpan SearchDebounce = TimeSpan.FromMilliseconds(300);

    private static readonly MarkupString CompareIcon =
        new($"""<svg class="ca-icon" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{Icons.Material.Filled.CompareArrows}</svg>""");

    /// <summary>Compares the other columns with <paramref name="environment"/>, or stops when it is the one compared with already.</summary>
    private void ToggleCompare(string environment) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("vs", environment == CompareWith ? null : environment));

    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
}
