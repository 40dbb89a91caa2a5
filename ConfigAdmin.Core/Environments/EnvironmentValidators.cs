using System.Text.RegularExpressions;
using ConfigAdmin.Core.Common;
using FluentValidation;

namespace ConfigAdmin.Core.Environments;

public sealed partial class EnvironmentInputValidator : AbstractValidator<EnvironmentInput>
{
    public const int MaxRequiredApprovals = 5;

    public EnvironmentInputValidator()
    {
        RuleFor(e => e.Name).Custom((name, ctx) => { if (CheckName(name) is { } error) ctx.AddFailure(error); });
        RuleFor(e => e.Description).MaximumLength(1000).WithMessage("Description must be at most 1000 characters.").Storable();
        RuleFor(e => e.SortOrder).InclusiveBetween(-EnvironmentService.MaxSortOrder, EnvironmentService.MaxSortOrder)
            .WithMessage("Sort order must be between -1,000,000 and 1,000,000.");
        RuleFor(e => e.RequiredApprovals).InclusiveBetween(0, MaxRequiredApprovals)
            .WithMessage($"Required approvals must be between 0 (not protected) and {MaxRequiredApprovals}.");
    }

    /// <summary>Null when the name obeys the grammar, else why not.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrEmpty(name) ? "Name is required."
        : name.Length > 50 || !NamePattern().IsMatch(name)
            ? "Name must be 1-50 characters of a-z, 0-9 and '-', starting and ending with a letter or digit."
            : null;

    // \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?\z")]
    private static partial Regex NamePattern();
}
