using System.Collections.Concurrent;

namespace ConfigAdmin.Core.Changes;

/// <summary>
/// What waiting clients wait on: one signal per (application, environment), completed and replaced when a change may
/// have touched that document. Ten thousand waiters on one document share one signal and no thread. A waiter takes the
/// signal before it reads the document, so a change that lands in between still wakes it.
/// </summary>
public sealed class ChangeSignals
{
    private readonly ConcurrentDictionary<(Guid Application, string Environment), TaskCompletionSource> _signals = new();
    private TaskCompletionSource _access = NewSignal();

    /// <summary>Completes on the next change that may touch (application, environment), or on any access change.</summary>
    public Task Next(Guid application, string environment)
    {
        var signal = _signals.GetOrAdd((application, environment.ToLowerInvariant()), static _ => NewSignal());
        return Task.WhenAny(signal.Task, _access.Task);
    }

    /// <summary>Wakes every waiter <paramref name="change"/> may concern.</summary>
    public void Wake(ConfigChange change)
    {
        if (change.Kind == ChangeKind.Access)
        {
            Interlocked.Exchange(ref _access, NewSignal()).TrySetResult();
            return;
        }
        foreach (var key in _signals.Keys)
        {
            var touched = change.Kind == ChangeKind.EnvironmentDeleted
                ? change.Touches(Guid.Empty, key.Environment)
                : key.Application == change.ApplicationId && (change.Environments is null || change.Touches(key.Application, key.Environment));
            if (touched && _signals.TryRemove(key, out var signal)) signal.TrySetResult();
        }
    }

    /// <summary>Wakes every waiter (after a gap in following changes).</summary>
    public void WakeAll()
    {
        foreach (var key in _signals.Keys)
        {
            if (_signals.TryRemove(key, out var signal)) signal.TrySetResult();
        }
        Interlocked.Exchange(ref _access, NewSignal()).TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
