using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Tests.Components.Shared;

/// <summary>The real database factory with a gate: closed, every operation waits, so a save can be caught in flight.</summary>
public sealed class GatedDbFactory(IConfigAdminDbFactory inner) : IConfigAdminDbFactory
{
    private volatile TaskCompletionSource _gate = Opened();

    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _gate.TrySetResult();

    public async Task<IConfigAdminDb> CreateAsync(CancellationToken cancellationToken = default)
    {
        await _gate.Task.WaitAsync(cancellationToken);
        return await inner.CreateAsync(cancellationToken);
    }

    public ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken = default) =>
        inner.EnterWriteAsync(cancellationToken);

    private static TaskCompletionSource Opened()
    {
        var gate = new TaskCompletionSource();
        gate.SetResult();
        return gate;
    }
}
