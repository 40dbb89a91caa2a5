using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Controls;
using ConfigAdmin.Web.Components.Dialogs;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Statuses = ConfigAdmin.Core.Changes.PromotionService.Statuses;

namespace ConfigAdmin.Web.Components.Pages.Applications;

/// <summary>Two environments of an application key by key, and chosen keys' values promoted from one to the other.</summary>
public partial class ComparePage
{
    [Inject] private PromotionService Promotion { get; set; } = default!;
    [Inject] private EnvironmentService EnvironmentList { get; set; } = default!;
    [Inject] private ApplicationService Applications { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    // Kept in the query string, so a comparison can be linked, reloaded and walked back.
    [SupplyParameterFromQuery] public string? From { get; set; }
    [SupplyParameterFromQuery] public string? To { get; set; }

    private IReadOnlyList<EnvironmentDto> _environments = [];
    private IReadOnlyList<CompareItem>? _items;
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private string? _from;
    private string? _to;
    private string? _error;
    private bool _canEdit;
    private bool _onlyDifferences;
    private int _rows = MoreRows.Step;
    private bool _notFound;

    public static string Href(string application, string? from = null, string? to = null)
    {
        var href = $"{ApplicationsPage.AppHref(application)}/compare";
        return from is null || to is null ? href : $"{href}?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}";
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_environments.Count == 0) _environments = await EnvironmentList.AllAsync();
        var role = await Applications.RoleOnAsync(Name);
        if (role is null)
        {
            // Unknown, or outside the caller's applications: the same real 404 as the application page.
            _notFound = true;
            Navigation.NotFound();
            return;
        }
        _canEdit = role.Allows(AppPermission.Edit);
        _from = Known(From) ?? Known("staging") ?? _environments.FirstOrDefault()?.Name;
        _to = Known(To) ?? Known("production") ?? _environments.Skip(1).FirstOrDefault()?.Name;
        // Every key of both environments: compared once, by the circuit, not also for the prerendered page.
        if (RendererInfo.IsInteractive) await LoadAsync();
    }

    private string? Known(string? environment) => _environments.FirstOrDefault(e => e.Name == environment?.ToLowerInvariant())?.Name;

    private async Task LoadAsync()
    {
        _items = null;
        _rows = MoreRows.Step;
        _error = null;
        _selected.Clear();
        if (_from is null || _to is null) return;
        try
        {
            _items = await Promotion.CompareAsync(Name, _from, _to);
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            _error = UiErrors.Message(ex);
        }
    }

    private Task ChooseAsync(string? from, string? to)
    {
        Navigation.NavigateTo(Href(Name, from, to));
        return Task.CompletedTask;
    }

    private IReadOnlyList<CompareItem> Shown => _onlyDifferences ? _items!.Where(i => i.Status != Statuses.Same).ToList() : _items!;

    private IEnumerable<CompareItem> Promotable => _items?.Where(CanPromote) ?? [];

    /// <summary>Only a key whose value differs in "to" (or is missing there) has something to promote.</summary>
    private static bool CanPromote(CompareItem item) => item.Status is Statuses.Differs or Statuses.OnlyFrom;

    private void Select(string key, bool on)
    {
        if (on) _selected.Add(key);
        else _selected.Remove(key);
    }

    private void SelectAll(bool on)
    {
        _selected.Clear();
        if (on) _selected.UnionWith(Promotable.Select(i => i.Key));
    }

    private string PromoteText => $"Promote {_selected.Count} {(_selected.Count == 1 ? "key" : "keys")} from {_from} to {_to}";

    private string Summary
    {
        get
        {
            var items = _items!;
            int Count(string status) => items.Count(i => i.Status == status);
            return $"{items.Count} keys: {Count(Statuses.Same)} same, {Count(Statuses.Differs)} differ, "
                   + $"{Count(Statuses.OnlyFrom)} only in {_from}, {Count(Statuses.OnlyTo)} only in {_to}.";
        }
    }

    private async Task PromoteAsync()
    {
        var keys = _items!.Where(i => _selected.Contains(i.Key)).Select(i => i.Key).ToList();
        var (from, to) = (_from!, _to!);
        var applied = await ChangePreviewDialog.ShowAsync(Dialogs, PromoteText,
            $"Each key's override in {to} becomes its value in {from}, in one change. The preview is what will be written.", "Promote",
            (dryRun, request) => Promotion.PromoteAsync(Name, new PromoteInput(from, to, keys, dryRun, request)),
            $"Promote {keys.Count} {(keys.Count == 1 ? "key" : "keys")} from {from} to {to}");
        if (applied is null || applied.Filed is not null) return;
        Snackbar.Add($"Promoted {applied.Changed.Count} {(applied.Changed.Count == 1 ? "key" : "keys")} from {from} to {to}.", Severity.Success);
        await LoadAsync();
    }

    private string StatusText(string status) => status switch
    {
        Statuses.Differs => "differs",
        Statuses.OnlyFrom => $"only in {_from}",
        Statuses.OnlyTo => $"only in {_to}",
        _ => "same",
    };

    private static Color StatusColor(string status) => status switch
    {
        Statuses.Same => Color.Default,
        Statuses.Differs => Color.Warning,
        _ => Color.Info,
    };
}
