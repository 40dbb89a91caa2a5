using System.Text.Json;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Reviews;

/// <summary>
/// One change request: each environment's document before and after, side by side, its operations, approvals and
/// comments, and what the caller may do with it. It follows the request live: an approval or an apply elsewhere shows
/// here within a second.
/// </summary>
public partial class ChangeRequestPage
{
    [Parameter] public string Name { get; set; } = "";
    [Parameter] public long Id { get; set; }

    [Inject] private ChangeRequestService Requests { get; set; } = default!;
    [Inject] private Core.Rollouts.RolloutService Rollouts { get; set; } = default!;
    [Inject] private ApplicationService Applications { get; set; } = default!;
    [Inject] private ChangeFeed Feed { get; set; } = default!;
    [Inject] private ChangeContext Context { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    public static string Href(string application, long id) => $"/applications/{Uri.EscapeDataString(application)}/changes/{id}";

    private ChangeRequestDto? _request;
    private Core.Rollouts.RolloutDto? _rollout;
    private PageAccess _access = PageAccess.ReadOnly;
    private bool _notFound;
    private bool _busy;
    private string? _error;
    private Guid? _applicationId;
    private LiveChanges? _live;

    protected override void OnInitialized() =>
        _live = new LiveChanges(Feed, () => _applicationId, () => InvokeAsync(async () =>
        {
            if (_busy) return;
            await LoadAsync();
            StateHasChanged();
        }));

    protected override async Task OnParametersSetAsync()
    {
        _applicationId = await Applications.IdOfAsync(Name);
        _access = new PageAccess(await Applications.RoleOnAsync(Name), Context.Caller.IsGlobalAdmin);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _request = await Requests.GetAsync(Name, Id);
            await LoadRolloutAsync();
            _notFound = false;
        }
        catch (NotFoundException)
        {
            // A request of an application outside the caller's roles is as absent as one that never existed: a real 404.
            _notFound = true;
            Navigation.NotFound();
        }
    }

    /// <summary>The request's rollout, when it was applied gradually: where it stands, or why it rolled back.</summary>
    private async Task LoadRolloutAsync() =>
        _rollout = _request?.Rollout is { } summary ? await Rollouts.GetAsync(summary.Id) : null;

    /// <summary>Runs one review step; the page shows the request as the step left it, or why it was refused.</summary>
    private async Task ActAsync(Func<ChangeRequestService, Task<ChangeRequestDto>> step, string done)
    {
        if (_busy) return;
        _busy = true;
        _error = null;
        StateHasChanged();
        try
        {
            var before = _request;
            _request = await step(Requests);
            // A review step answers the request without its rollout: the one it has stays, read afresh.
            if (_request.Rollout is null && before?.Rollout is { } rollout) _request = _request with { Rollout = rollout };
            await LoadRolloutAsync();
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            _error = UiErrors.Message(ex);
            await LoadAsync();
        }
        finally
        {
            // The step runs from a child's button: the page renders its outcome itself.
            _busy = false;
            StateHasChanged();
        }
    }

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Applications", "/applications"), new(Name, ApplicationsPage.AppHref(Name)),
        new("Changes", ApplicationPage.TabHref(Name, "changes")),
    ];

    private sealed record TimelineItem(string By, string What, DateTime At, string? Text);

    private IEnumerable<TimelineItem> Timeline => _request is not { } r ? [] :
        r.Approvals.Select(a => new TimelineItem(a.By, "approved", a.At, a.Comment))
            .Concat(r.Comments.Select(c => new TimelineItem(c.By, "commented", c.At, c.Text)))
            .OrderBy(i => i.At);

    private string OperationsText => JsonSerializer.Serialize(_request!.Operations, OperationsJson);

    private static readonly JsonSerializerOptions OperationsJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";

    public void Dispose() => _live?.Dispose();
}
