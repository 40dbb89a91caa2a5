using System.Globalization;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Model;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Controls;

public partial class AuditGrid
{
    [Inject] private AuditService Audit { get; set; } = default!;
    [Inject] private EnvironmentService Environments { get; set; } = default!;

    /// <summary>Shows only this application's entries (following renames).</summary>
    [Parameter] public string? Application { get; set; }

    /// <summary>Hides the application filter: the grid belongs to one application's page.</summary>
    [Parameter] public bool LockApplication { get; set; }

    /// <summary>The filters to show; when the parent changes them (a URL, another control), the grid follows.</summary>
    [Parameter] public AuditFilter? Filter { get; set; }

    /// <summary>Raised when the user changes a filter, so the parent can keep it (in the URL, say).</summary>
    [Parameter] public EventCallback<AuditFilter> FilterChanged { get; set; }

    /// <summary>False when the parent offers the key and environment filters itself.</summary>
    [Parameter] public bool ShowKeyAndEnvironment { get; set; } = true;

    private MudDataGrid<AuditEntryDto> _grid = default!;
    private AuditFilter _filter = AuditFilter.None;
    private AuditFilter? _given;
    private IReadOnlyList<EnvironmentDto> _environments = [];
    private string? _error;
    private bool _loaded;

    protected override async Task OnInitializedAsync() => _environments = await Environments.AllAsync();

    protected override async Task OnParametersSetAsync()
    {
        if (Filter is null || Filter == _given) return;
        _given = Filter;
        if (Filter == _filter) return;
        _filter = Filter;
        // The first load is the grid's own; later ones follow the parent (back and forward through filters).
        if (_grid is not null) await _grid.ReloadServerData();
    }

    /// <summary>Loads the grid again, e.g. after a change this page made.</summary>
    public Task ReloadAsync() => _grid.ReloadServerData();

    private async Task<GridData<AuditEntryDto>> LoadAsync(GridState<AuditEntryDto> state, CancellationToken ct)
    {
        _error = null;
        var query = _filter.ToQuery(state.Page + 1, state.PageSize, LockApplication ? Application : null);
        try
        {
            var page = await Audit.QueryAsync(query, ct);
            _loaded = true;
            return new GridData<AuditEntryDto> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (FluentValidation.ValidationException ex)
        {
            _error = UiErrors.Message(ex);
            _loaded = true;
            return new GridData<AuditEntryDto> { Items = [], TotalItems = 0 };
        }
    }

    private async Task SetAsync(AuditFilter filter)
    {
        _filter = filter;
        await _grid.ReloadServerData();
        await FilterChanged.InvokeAsync(filter);
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
