namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Tests that generate load (fuzz, crash, 32 concurrent writers) run one after another, beside at most one other
/// collection, as every collection does: run alone after the rest, they would leave a core idle, and what they cost
/// the tests beside them is CPU, which the browser tests' 30 s waits absorb. The client
/// tests, which measure reload latency, still run alone (ClientCollection).
/// </summary>
[CollectionDefinition(Name)]
public sealed class LoadCollection
{
    public const string Name = "Load generators";
}
