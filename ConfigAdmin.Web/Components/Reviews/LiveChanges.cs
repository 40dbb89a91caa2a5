using ConfigAdmin.Core.Changes;

namespace ConfigAdmin.Web.Components.Reviews;

/// <summary>
/// Lets an open page follow one application's changes as they are applied on this node (its own writes, and those
/// other nodes recorded): a change request's approval, a comment, an apply, a rollout that moved. Dispose it with the page.
/// </summary>
public sealed class LiveChanges : IDisposable
{
    private readonly ChangeFeed _feed;
    private readonly Func<Guid?> _application;
    private readonly Func<Task> _refresh;

    /// <summary>Calls <paramref name="refresh"/> (on the page's dispatcher) after each change of the application <paramref name="application"/> names (null: every application).</summary>
    public LiveChanges(ChangeFeed feed, Func<Guid?> application, Func<Task> refresh)
    {
        (_feed, _application, _refresh) = (feed, application, refresh);
        _feed.Applied += OnApplied;
    }

    private void OnApplied(ConfigChange change)
    {
        if (change.Kind is not (ChangeKind.Reviews or ChangeKind.Rollouts or ChangeKind.Values or ChangeKind.ApplicationRenamed or ChangeKind.ApplicationDeleted))
            return;
        if (_application() is { } id && change.ApplicationId != id) return;
        // The feed calls from the writer's thread: the page refreshes on its own, and a failure there is the page's.
        _ = _refresh();
    }

    public void Dispose() => _feed.Applied -= OnApplied;
}
