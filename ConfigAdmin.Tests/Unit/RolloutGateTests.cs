using ConfigAdmin.Core.Rollouts;
using FluentValidation.TestHelper;

namespace ConfigAdmin.Tests.Unit;

/// <summary>The cohort, the gate and the plan as pure rules (design §14).</summary>
[Trait("Category", "Unit")]
public sealed class RolloutGateTests
{
    private static readonly string[] Fleet = [.. Enumerable.Range(0, 10_000).Select(i => $"pod-{i}")];

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void APercentage_CoversAboutThatShareOfAFleet(int percent)
    {
        var covered = Fleet.Count(id => Cohort.Covers(7, id, percent, []));

        Assert.InRange(covered, Fleet.Length * (percent - 1.5) / 100, Fleet.Length * (percent + 1.5) / 100);
    }

    [Fact]
    public void AnInstanceCovered_StaysCoveredAsThePercentageGrows_AndCanariesAlwaysAre()
    {
        int[] stages = [0, 5, 10, 25, 50, 75, 100];
        foreach (var id in Fleet.Take(2_000))
        {
            var first = Array.FindIndex(stages, p => Cohort.Covers(3, id, p, []));
            Assert.True(first >= 0);
            Assert.All(stages[first..], p => Assert.True(Cohort.Covers(3, id, p, [])));
        }
        Assert.True(Cohort.Covers(3, "canary-1", 0, ["canary-1"]));
        Assert.False(Cohort.Covers(3, "pod-1", 0, ["canary-1"]));
    }

    [Fact]
    public void DifferentRollouts_PickDifferentInstancesFirst()
    {
        var first = Fleet.Where(id => Cohort.Covers(1, id, 10, [])).ToHashSet();
        var second = Fleet.Where(id => Cohort.Covers(2, id, 10, [])).ToHashSet();

        Assert.InRange(first.Intersect(second).Count(), 0, first.Count / 5);
    }

    [Theory]
    [InlineData(0, 0, 0.1, false)]
    [InlineData(1, 10, 0.1, false)]
    [InlineData(2, 10, 0.1, true)]
    [InlineData(1, 1, 0.99, true)]
    [InlineData(1, 2, 0.5, false)]
    [InlineData(1, 1, 1.0, false)]
    public void TheGate_TipsWhenTheFailingShareOfThoseThatAppliedTheTarget_ExceedsTheLimit(int failing, int applied, double limit, bool tips)
    {
        var instances = Enumerable.Range(0, applied).Select(i => new RolloutInstance
        {
            InstanceId = $"i-{i}", ServedTarget = true, Health = i < failing ? InstanceHealth.Failing : InstanceHealth.Ok,
        }).Append(new RolloutInstance { InstanceId = "base-only", ServedTarget = false, Health = InstanceHealth.Failing });

        Assert.Equal(tips, RolloutGate.Tipped(limit, instances) is not null);
    }

    [Fact]
    public void TheClock_WaitsForTheBake_AdvancesThenCompletesOnReachingTheLast_AndNeverMovesAPausedRollout()
    {
        RolloutStage[] stages = [new(10, 60), new(50, 60), new(100)];
        var start = new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
        var rollout = new Rollout { Status = RolloutStatus.Active, Stage = 0, StageStartedAt = start };

        Assert.Equal(GateStep.Wait, RolloutGate.OnClock(rollout, stages, start.AddSeconds(59)));
        Assert.Equal(GateStep.Advance, RolloutGate.OnClock(rollout, stages, start.AddSeconds(60)));
        rollout.Stage = 1;
        Assert.Equal(GateStep.Complete, RolloutGate.OnClock(rollout, stages, start.AddSeconds(60)));
        rollout.Status = RolloutStatus.Paused;
        Assert.Equal(GateStep.Wait, RolloutGate.OnClock(rollout, stages, start.AddDays(1)));
    }

    [Fact]
    public void ThePlan_NeedsRisingStagesEndingAt100_AndSaneLimits()
    {
        var validator = new RolloutInputValidator();

        validator.TestValidate(new RolloutInput(["canary-1"], [new(0, 300), new(10, 600), new(100)])).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new RolloutInput(null, [new(100)])).ShouldHaveValidationErrorFor(r => r.Stages);
        validator.TestValidate(new RolloutInput(null, [new(10), new(90)])).ShouldHaveValidationErrorFor(r => r.Stages);
        validator.TestValidate(new RolloutInput(null, [new(50), new(50), new(100)])).ShouldHaveValidationErrorFor(r => r.Stages);
        validator.TestValidate(new RolloutInput(null, [new(10), new(100)], 1.5)).ShouldHaveValidationErrorFor(r => r.MaxFailingRatio);
        Assert.False(validator.Validate(new RolloutInput(["bad\nid"], [new(10), new(100)])).IsValid);
        Assert.False(validator.Validate(new RolloutInput(null, [new(10, -1), new(100)])).IsValid);
    }
}
