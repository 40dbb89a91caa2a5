using ConfigAdmin.Core.Common;
using FluentValidation;

namespace ConfigAdmin.Core.Applications;

public sealed partial class ApplicationInputValidator : AbstractValidator<ApplicationInput>
{
    // \z, not $: $ also matches before a final newline, which would let "app\n" through.
    private const string NamePattern = @"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\z";
    private const string EmailPattern = @"^[^@\s\p{C}]+@[^@\s\p{C}]+\.[^@\s\p{C}]+\z";

    /// <summary>True when <paramref name="name"/> obeys the application name grammar.</summary>
    public static bool IsValidName(string? name) => name is not null && NameRegex().IsMatch(name);

    [System.Text.RegularExpressions.GeneratedRegex(NamePattern)]
    private static partial System.Text.RegularExpressions.Regex NameRegex();

    public ApplicationInputValidator()
    {
        // Messages read as a person would say them, not as FluentValidation's defaults ("'Contact Email' must not be empty").
        RuleFor(a => a.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(100).Must(IsValidName)
            .WithMessage("Name must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        RuleFor(a => a.Description).MaximumLength(2000).Storable();
        RuleFor(a => a.Owner).NotEmpty().WithMessage("Owner is required.").MaximumLength(200).Storable();
        RuleFor(a => a.ContactEmail).NotEmpty().WithMessage("Contact e-mail is required.").MaximumLength(254).Matches(EmailPattern)
            .WithMessage("Contact e-mail must be an address such as team@example.com.");
    }
}

public sealed class ApplicationQueryValidator : AbstractValidator<ApplicationQuery>
{
    public static readonly string[] SortFields = ["name", "owner", "createdAt", "updatedAt"];

    public ApplicationQueryValidator()
    {
        Include(new PagingRules());
        RuleFor(q => q.Search).MaximumLength(200).Storable();
        RuleFor(q => q.Sort)
            .Must(s => s is null || SortFields.Contains(s.TrimStart('-'), StringComparer.Ordinal) && s.LastIndexOf('-') <= 0)
            .WithMessage($"'Sort' must be one of {string.Join(", ", SortFields)}, with '-' in front for descending.");
    }
}
