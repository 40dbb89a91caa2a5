namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Tests that generate load (fuzz, crash, 32 concurrent writers) run alone, after the rest: beside them, the
/// browser tests' timing would be at the mercy of a saturated two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Load generators";
}
