using System.Runtime.CompilerServices;

namespace ConfigAdmin.Tests.Infrastructure;

internal static class TestProcess
{
    /// <summary>
    /// Many test classes run in parallel in one process and SQLite's async calls block their threads; a larger
    /// floor of pool threads keeps the in-process app hosts responsive instead of waiting for slow thread injection.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseThreadPoolFloor() => ThreadPool.SetMinThreads(Math.Max(32, Environment.ProcessorCount * 8), 32);
}
