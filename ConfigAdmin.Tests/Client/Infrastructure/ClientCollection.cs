namespace ConfigAdmin.Tests.Client.Infrastructure;

/// <summary>
/// The live-reload tests run alone, after the parallel tests: they measure reload latency (within 1 s) and play server
/// restarts, which a saturated two-core machine would blur. The other client tests (first load, offline start) wait on
/// timeouts and servers that are down, not on the CPU: they run beside the rest, where that waiting costs no one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClientCollection
{
    public const string Name = "Client";
}
