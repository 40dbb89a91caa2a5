using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Flags;

/// <summary>One fault of a flag definition: the flag, the environment, the JSON pointer into the flag body and why.</summary>
public sealed record FlagViolation(string? Key, string? Environment, string Pointer, string Message);

/// <summary>A flag definition breaks the Microsoft Feature Management schema (400 <c>invalid_flag</c>), every fault listed.</summary>
public sealed class InvalidFlagException(IReadOnlyList<FlagViolation> violations)
    : DomainException(ErrorCodes.InvalidFlag, Summary(violations))
{
    public IReadOnlyList<FlagViolation> Violations { get; } = violations;

    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["violations"] = Violations };

    private static string Summary(IReadOnlyList<FlagViolation> violations) =>
        violations.Count == 1
            ? $"The flag is not valid: {violations[0].Message}"
            : $"The flag is not valid ({violations.Count} faults); see 'violations'.";
}
