using System.Runtime.CompilerServices;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// The apps under test (E2E, client and API hosts) run in this process beside the database tests. The thread pool
/// grows by about one thread a second once busy, so a burst of blocking test work could make a SignalR event wait
/// long enough to fail a browser step: start with threads enough for every collection running at once.
/// </summary>
internal static class TestThreads
{
    [ModuleInitializer]
    internal static void Raise()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
