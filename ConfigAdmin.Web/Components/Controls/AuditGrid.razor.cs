using System.Globalization;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Controls;

public partial class AuditGrid
{
    [Inject] private AuditService Audit { get; set; } = default!;

    /// <summary>Shows only this application's entries (following renames).</summary>
    [Parameter] public string? Application { get; set; }

    /// <summary>Hides the application filter: the grid belongs to one application's page.</summary>
    [Parameter] public bool LockApplication { get; set; }

    private MudDataGrid<AuditEntryDto> _grid = default!;
    private string? _application;
    private string? _actor;
    private AuditAction? _action;
    private string? _from;
    private string? _to;
    private string? _error;

    protected override void OnParametersSet()
    {
        if (LockApplication) _application = Application;
    }

    private async Task<GridData<AuditEntryDto>> LoadAsync(GridState<AuditEntryDto> state, CancellationToken ct)
    {
        _error = null;
        // "To" is a whole day the user includes; the service's upper bound is exclusive.
        var query = new AuditQuery(Application: Blank(_application), Actor: Blank(_actor), Action: _action,
            From: Date(_from), To: Date(_to)?.AddDays(1), Page: state.Page + 1, PageSize: state.PageSize);
        try
        {
            var page = await Audit.QueryAsync(query, ct);
            return new GridData<AuditEntryDto> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (FluentValidation.ValidationException ex)
        {
            _error = UiErrors.Message(ex);
            return new GridData<AuditEntryDto> { Items = [], TotalItems = 0 };
        }
    }

    private Task FilterAsync(Action set)
    {
        set();
        return _grid.ReloadServerData();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTime? Date(string? text) =>
        DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc)
            : null;
}
