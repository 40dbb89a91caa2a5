namespace ConfigAdmin.Tests.Client.Infrastructure;

/// <summary>
/// The client tests against a real server run alone, after the parallel tests: they measure reload latency
/// (within 1 s) and play server restarts, which a saturated two-core machine would blur.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClientCollection
{
    public const string Name = "Client";
}
