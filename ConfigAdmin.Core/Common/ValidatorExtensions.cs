using FluentValidation;

namespace ConfigAdmin.Core.Common;

public static class ValidatorExtensions
{
    /// <summary>Validates and throws FluentValidation's <see cref="ValidationException"/> (400 with field errors).</summary>
    public static async Task CheckAsync<T>(this IValidator<T> validator, T input, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid) throw new ValidationException(result.Errors);
    }

    /// <summary>Throws a validation failure for one field, for rules that need stored state.</summary>
    public static ValidationException Invalid(string field, string message) =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);
}
