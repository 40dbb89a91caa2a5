using ConfigAdmin.Core.Common;
using FluentValidation;

namespace ConfigAdmin.Core.Search;

public sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public const int MaxLength = 256;

    public SearchQueryValidator()
    {
        Include(new PagingRules());
        RuleFor(q => q.Q).Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("'Q' must say what to search for.")
            .MaximumLength(MaxLength).Storable();
    }
}
