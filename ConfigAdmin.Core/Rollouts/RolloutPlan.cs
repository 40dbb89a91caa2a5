using ConfigAdmin.Core.Common;
using FluentValidation;

namespace ConfigAdmin.Core.Rollouts;

/// <summary>
/// How to roll a change request out (design §14): canary instance ids served the target from the start, stages of
/// rising percentages each baking for its seconds (the last is 100 % and completes the rollout), and the failing
/// share of the instances that applied the target beyond which it rolls back.
/// </summary>
public sealed record RolloutInput(IReadOnlyList<string>? Canary = null, IReadOnlyList<RolloutStage>? Stages = null, double? MaxFailingRatio = null)
{
    public const double DefaultMaxFailingRatio = 0.1;
    public const int MaxStages = 10, MaxCanaries = 100, MaxBakeSeconds = 7 * 24 * 3600;

    public double FailingRatio => MaxFailingRatio ?? DefaultMaxFailingRatio;
}

public sealed class RolloutInputValidator : AbstractValidator<RolloutInput>
{
    public RolloutInputValidator()
    {
        RuleFor(r => r.Stages).NotEmpty().WithMessage("A rollout needs stages, the last of them { \"percent\": 100 }.")
            .Must(s => s!.Count >= 2).WithMessage("A rollout has at least two stages: one stage of 100 % is an apply.")
            .Must(s => s!.Count <= RolloutInput.MaxStages).WithMessage($"A rollout has at most {RolloutInput.MaxStages} stages.")
            .Must(s => s![^1].Percent == 100).WithMessage("The last stage is { \"percent\": 100 }: reaching it completes the rollout.")
            .Must(s => s!.Zip(s!.Skip(1)).All(p => p.First.Percent < p.Second.Percent)).WithMessage("Each stage's percent is above the one before.")
            .When(r => r.Stages is { Count: > 0 });
        RuleForEach(r => r.Stages).ChildRules(stage =>
        {
            stage.RuleFor(s => s.Percent).InclusiveBetween(0, 100).WithMessage("Percent must be between 0 and 100.");
            stage.RuleFor(s => s.BakeSeconds).InclusiveBetween(0, RolloutInput.MaxBakeSeconds)
                .WithMessage($"Bake seconds must be between 0 and {RolloutInput.MaxBakeSeconds} (a week).");
        });
        RuleFor(r => r.MaxFailingRatio).InclusiveBetween(0, 1).WithMessage("The most failing share is between 0 and 1.");
        RuleFor(r => r.Canary).Must(c => c is null || c.Count <= RolloutInput.MaxCanaries)
            .WithMessage($"At most {RolloutInput.MaxCanaries} canaries.");
        RuleForEach(r => r.Canary).Must(id => id is { Length: > 0 and <= 100 } && !id.Any(char.IsControl) && TextRules.IsStorable(id))
            .WithMessage("A canary is an instance id of 1-100 characters (the id in its ConfigAdmin-Client header).");
    }
}

/// <summary>The change applied gradually reaches more than one environment's document (400 <c>rollout_single_environment</c>).</summary>
public sealed class RolloutSingleEnvironmentException(IReadOnlyList<string> environments)
    : DomainException(ErrorCodes.RolloutSingleEnvironment,
        $"A rollout changes exactly one environment's document; this request changes {string.Join(", ", environments)}. Split it, or apply it at once.")
{
    public IReadOnlyList<string> Environments { get; } = environments;

    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["environments"] = Environments };
}

/// <summary>A rollout runs in the environment the write touches (409 <c>rollout_in_progress</c>, checked before protection).</summary>
public sealed class RolloutInProgressException(IReadOnlyList<string> environments, long rollout)
    : DomainException(ErrorCodes.RolloutInProgress,
        $"A rollout (#{rollout}) is running in {string.Join(", ", environments)}: other changes to its document wait until it completes or is rolled back.")
{
    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?>
    {
        ["environments"] = environments, ["rolloutId"] = rollout,
    };
}
