using ConfigAdmin.Core.Changes;

namespace ConfigAdmin.Tests.Unit;

/// <summary>What wakes a waiting client: its own document's changes and access changes, nothing else.</summary>
[Trait("Category", "Unit")]
public sealed class ChangeSignalsTests
{
    private static readonly Guid Shop = Guid.NewGuid();
    private static readonly Guid Billing = Guid.NewGuid();

    [Fact]
    public void Wake_ValuesOfTheDocument_CompletesItsWaitersAndTheNextWaitIsNew()
    {
        var signals = new ChangeSignals();
        var waiting = signals.Next(Shop, "production");

        signals.Wake(ConfigChange.Values(Shop, "production"));

        Assert.True(waiting.IsCompletedSuccessfully);
        Assert.False(signals.Next(Shop, "production").IsCompleted);
    }

    [Fact]
    public void Wake_AnotherApplicationOrEnvironment_LeavesTheWaiterWaiting()
    {
        var signals = new ChangeSignals();
        var waiting = signals.Next(Shop, "production");

        signals.Wake(ConfigChange.Values(Billing, "production"));
        signals.Wake(ConfigChange.Values(Shop, "staging"));
        signals.Wake(ConfigChange.EnvironmentDeleted("qa"));

        Assert.False(waiting.IsCompleted);
    }

    [Fact]
    public void Wake_AnAccessChange_CompletesEveryWaiterSoEachChecksItsCallerAgain()
    {
        var signals = new ChangeSignals();
        var waits = new[] { signals.Next(Shop, "production"), signals.Next(Billing, "staging") };

        signals.Wake(ConfigChange.Access);

        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
    }

    [Fact]
    public void Next_ManyWaitersOnOneDocument_ShareOneSignal()
    {
        var signals = new ChangeSignals();

        var first = signals.Next(Shop, "Production");
        var second = signals.Next(Shop, "production");

        Assert.Same(first, second);
    }
}
