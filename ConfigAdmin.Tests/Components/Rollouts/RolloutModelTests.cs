using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Web.Components.Rollouts;

namespace ConfigAdmin.Tests.Components.Rollouts;

/// <summary>The rollout form and panel logic that needs no rendering: units, the server's field names, the bake left.</summary>
[Trait("Category", "Unit")]
public sealed class RolloutModelTests
{
    [Fact]
    public void Form_TurnsMinutesIntoSecondsAndPercentIntoARatio_AndAddsAStageBeforeTheLast()
    {
        var form = new RolloutForm { MaxFailingPercent = 25 };
        Assert.True(form.AddCanary(" web-1 "));
        Assert.False(form.AddCanary("web-1"));
        Assert.False(form.AddCanary("  "));
        form.AddStage();

        var input = form.ToInput();

        Assert.Equal(["web-1"], input.Canary);
        Assert.Equal([new RolloutStage(10, 300), new RolloutStage(50, 600), new RolloutStage(75, 600), new RolloutStage(100)], input.Stages);
        Assert.Equal(0.25, input.MaxFailingRatio);
        Assert.False(form.Check(new RolloutInputValidator()).Any);
    }

    [Fact]
    public void ServerErrors_LandBesideTheirFields_InTheFormsUnits()
    {
        var errors = RolloutFormErrors.From([
            ("rollout.Stages[1].BakeSeconds", "Bake seconds must be between 0 and 604800 (a week)."),
            ("rollout.MaxFailingRatio", "The most failing share is between 0 and 1."),
            ("rollout.Canary[2]", "A canary is an instance id of 1-100 characters."),
            ("rollout.Stages", "Each stage's percent is above the one before."),
        ]);

        Assert.Equal("Bake between 0 and 10080 minutes (a week).", errors.Bake(1));
        Assert.Null(errors.Bake(0));
        Assert.Equal("Between 0 % and 100 %.", errors.MaxFailing);
        Assert.Equal("A canary is an instance id of 1-100 characters.", errors.Canary);
        Assert.Equal("Each stage's percent is above the one before.", errors.Stages);
    }

    [Fact]
    public void BakeLeft_CountsDownFromTheStageStart_AndStopsWhilePaused()
    {
        var start = new DateTime(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
        var rollout = Rollout(RolloutStatus.Active, start, null);
        var paused = Rollout(RolloutStatus.Paused, start, start.AddMinutes(2));
        var later = new DateTimeOffset(start.AddMinutes(4));

        Assert.Equal(TimeSpan.FromMinutes(1), RolloutView.BakeLeft(rollout, later));
        Assert.Equal(TimeSpan.FromMinutes(3), RolloutView.BakeLeft(paused, later));
        Assert.Equal(TimeSpan.Zero, RolloutView.BakeLeft(rollout, later.AddHours(1)));
        Assert.Null(RolloutView.BakeLeft(Rollout(RolloutStatus.Completed, start, null), later));
        Assert.Equal("3 min 0 s", RolloutView.Duration(TimeSpan.FromMinutes(3)));
        Assert.Equal("1 h 1 min", RolloutView.Duration(TimeSpan.FromMinutes(61)));
        Assert.Equal("1 s", RolloutView.Duration(TimeSpan.FromMilliseconds(200)));
        Assert.Equal("1 h 30 min", RolloutView.Bake(5400));
    }

    private static RolloutDto Rollout(RolloutStatus status, DateTime stageStarted, DateTime? pausedAt) => new(
        1, "shop", "production", status, 0, 10, [new(10, 300), new(100)], [], 0.1, "\"b\"", "\"t\"", 1, null, stageStarted, null, 1, [], [],
        stageStarted, pausedAt);
}
