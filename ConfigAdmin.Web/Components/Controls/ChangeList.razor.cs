using System.Globalization;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Web.Components.Dialogs;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Controls;

public partial class ChangeList
{
    [Inject] private HistoryService History { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Application { get; set; } = "";

    /// <summary>Only this key's changes (any name its history had).</summary>
    [Parameter] public string? Key { get; set; }

    /// <summary>Only changes to this environment's override.</summary>
    [Parameter] public string? Environment { get; set; }

    /// <summary>Offers revert: the caller is an editor of the application (the service checks again).</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Offers "View" (the configuration then) for each change.</summary>
    [Parameter] public EventCallback<KeyChangeDto> OnSelect { get; set; }

    /// <summary>The moment shown elsewhere, to mark the change it belongs to.</summary>
    [Parameter] public DateTime? Selected { get; set; }

    /// <summary>Raised after a revert was applied.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    [Parameter] public int PageSize { get; set; } = 20;
    [Parameter] public string AriaLabel { get; set; } = "Changes";

    private List<KeyChangeDto>? _changes;
    private int _total;
    private int _page = 1;
    private bool _loading;
    private string? _error;
    private (string?, string?, string)? _loaded;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (Key, Environment, Application)) return;
        await ReloadAsync();
    }

    /// <summary>Loads the newest page again (after a change made elsewhere on the page).</summary>
    public async Task ReloadAsync()
    {
        _loaded = (Key, Environment, Application);
        _page = 1;
        _changes = null;
        await LoadAsync(replace: true);
    }

    private Task MoreAsync()
    {
        _page++;
        return LoadAsync(replace: false);
    }

    private async Task LoadAsync(bool replace)
    {
        _loading = true;
        _error = null;
        try
        {
            var result = await History.ChangesAsync(Application, new ChangeQuery(Blank(Key), Blank(Environment), _page, PageSize));
            _changes = replace || _changes is null ? result.Items.ToList() : [.. _changes, .. result.Items];
            _total = result.TotalCount;
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            _error = UiErrors.Message(ex);
            _changes ??= [];
        }
        finally
        {
            _loading = false;
        }
    }

    private async Task RevertAsync(KeyChangeDto change)
    {
        var when = Time(change.After.ChangedAt);
        var intro = change.Kind == KeyChangeDto.Kinds.Created
            ? $"'{change.After.Key}' was created at {when}: reverting deletes it. This is recorded as a new change."
            : $"'{change.After.Key}' goes back to its state before the change at {when}. This is recorded as a new change.";
        var applied = await ChangePreviewDialog.ShowAsync(Dialogs, "Revert a change", intro, "Revert",
            (dryRun, request) => History.RevertAsync(change.ConfigId, change.After.Id, dryRun, changeRequest: request),
            $"Revert the change to {change.After.Key} at {when}");
        if (applied is null || applied.Filed is not null) return;
        Snackbar.Add($"Reverted the change to '{change.After.Key}' at {when}.", Severity.Success);
        await ReloadAsync();
        await Changed.InvokeAsync();
    }

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static Color KindColor(string kind) => kind switch
    {
        KeyChangeDto.Kinds.Created or KeyChangeDto.Kinds.Restored => Color.Success,
        KeyChangeDto.Kinds.Deleted => Color.Error,
        _ => Color.Default,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
