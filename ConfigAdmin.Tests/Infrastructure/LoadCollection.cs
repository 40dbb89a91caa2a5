namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Tests that generate load (fuzz, crash, 32 concurrent writers) run one after another, beside at most one other
/// collection, as every collection does. They used to run alone after the rest; that tail left a core idle for half
/// a minute, and what they cost the tests beside them is CPU, which the browser tests' 30 s waits absorb. The client
/// tests, which measure reload latency, still run alone (ClientCollection).
/// </summary>
[CollectionDefinition(Name)]
public sealed class LoadCollection
{
    public const string Name = "Load generators";
}
