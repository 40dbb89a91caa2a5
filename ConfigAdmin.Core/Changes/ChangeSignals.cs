using System.Collections.Concurrent;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// What waiting clients wait on: one signal per (application, environment), completed and replaced when a change may
/// have touched that document. Ten thousand waiters on one document share one signal and no thread. A waiter takes the
/// signal before it reads the document, so a change that lands in between still wakes it. An access change (a key
/// revoked, a role taken) completes every signal: each waiter checks its caller again and waits on.
/// </summary>
/// <remarks>
/// A waiter awaits the document's signal itself, not a combination with a separate access signal: Task.WhenAny per
/// waiter registered ten thousand continuations on the shared access signal, and each completed wait removed its own
/// with a linear search of that list, which made waking ten thousand waiters quadratic (docs/benchmarks.md).
/// </remarks>
public sealed class ChangeSignals
{
    private readonly ConcurrentDictionary<(Guid Application, string Environment), TaskCompletionSource> _signals = new();

    /// <summary>Completes on the next change that may touch (application, environment), or on any access change.</summary>
    public Task Next(Guid application, string environment) =>
        _signals.GetOrAdd((application, environment.ToLowerInvariant()), static _ => NewSignal()).Task;

    /// <summary>Wakes every waiter <paramref name="change"/> may concern.</summary>
    public void Wake(ConfigChange change)
    {
        if (change.Kind == ChangeKind.Access)
        {
            WakeAll();
            return;
        }
        if (change.Kind == ChangeKind.Reviews) return;
        foreach (var key in _signals.Keys)
        {
            var touched = change.Kind == ChangeKind.EnvironmentDeleted
                ? change.Touches(Guid.Empty, key.Environment)
                : key.Application == change.ApplicationId && (change.Environments is null || change.Touches(key.Application, key.Environment));
            if (touched && _signals.TryRemove(key, out var signal)) signal.TrySetResult();
        }
    }

    /// <summary>Wakes every waiter (an access change, or a gap in following changes).</summary>
    public void WakeAll()
    {
        foreach (var key in _signals.Keys)
        {
            if (_signals.TryRemove(key, out var signal)) signal.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
