using System.Globalization;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Components.Controls;
using ConfigAdmin.Web.Components.Dialogs;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Pages.Applications;

public partial class MomentView
{
    [Inject] private HistoryService History { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Application { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<EnvironmentDto> Environments { get; set; } = [];

    /// <summary>The moment shown (UTC), or none yet.</summary>
    [Parameter] public DateTime? Moment { get; set; }
    [Parameter] public EventCallback<DateTime?> MomentChanged { get; set; }

    [Parameter] public string? Environment { get; set; }
    [Parameter] public EventCallback<string?> EnvironmentChanged { get; set; }

    /// <summary>Offers restore: the caller is an editor of the application (the service checks again).</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised after a restore was applied.</summary>
    [Parameter] public EventCallback Restored { get; set; }

    private IReadOnlyList<MomentItem>? _items;
    private string? _text;
    private string? _error;
    private bool _onlyDifferences = true;
    private (DateTime?, string?)? _loaded;

    protected override async Task OnParametersSetAsync()
    {
        if (_loaded == (Moment, Environment)) return;
        _loaded = (Moment, Environment);
        _text = Moment?.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
        await LoadAsync();
    }

    /// <summary>Loads the moment beside now again (after a change made elsewhere on the page).</summary>
    public async Task LoadAsync()
    {
        _items = null;
        _error = null;
        if (Moment is not { } moment || Environment is null) return;
        try
        {
            _items = await History.CompareToNowAsync(Application, Environment, Iso(moment));
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            _error = UiErrors.Message(ex);
        }
    }

    private async Task TypedAsync(string? text)
    {
        _text = text;
        if (string.IsNullOrWhiteSpace(text)) return;
        // datetime-local gives no zone: the label says UTC, and so it is read.
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var moment))
        {
            _error = $"'{text}' is not a date and time.";
            return;
        }
        await MomentChanged.InvokeAsync(DateTime.SpecifyKind(moment, DateTimeKind.Utc));
    }

    private Task EnvironmentAsync(string? environment) => EnvironmentChanged.InvokeAsync(environment);

    private async Task RestoreAsync()
    {
        if (Moment is not { } moment) return;
        var applied = await RestoreDialog.ShowAsync(Dialogs, Application, moment, Environments);
        if (applied is null || applied.Filed is not null) return;
        Snackbar.Add($"Restored {Application} to {When(moment)} UTC: {ChangeSetView.Summary(applied)}.", Severity.Success);
        await LoadAsync();
        await Restored.InvokeAsync();
    }

    private string Summary()
    {
        var items = _items!;
        var differ = items.Count(i => i.Status != MomentItem.Statuses.Same);
        return $"{Environment} at {When(Moment!.Value)} UTC: {items.Count(i => i.Then is not null)} keys then, "
               + (differ == 0 ? "the same now." : $"{differ} differ now.");
    }

    /// <summary>The moment as <c>at=</c> takes it.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    private static string When(DateTime utc) => ChangeList.Time(utc);

    private static string StatusText(string status) => status switch
    {
        MomentItem.Statuses.Added => "added since",
        MomentItem.Statuses.Removed => "removed since",
        _ => status,
    };

    private static Color StatusColor(string status) => status switch
    {
        MomentItem.Statuses.Same => Color.Default,
        MomentItem.Statuses.Added => Color.Success,
        MomentItem.Statuses.Removed => Color.Error,
        _ => Color.Warning,
    };
}
