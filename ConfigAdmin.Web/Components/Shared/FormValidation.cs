using FluentValidation;

namespace ConfigAdmin.Web.Components.Shared;

/// <summary>Lets a MudForm use the same FluentValidation validator as the REST API, one field at a time.</summary>
public static class FormValidation
{
    /// <summary>
    /// MudForm's <c>Validation</c> func: maps the bound form to the validator's input and validates only the
    /// property the field's <c>For</c> names, so a field shows its own errors inline.
    /// </summary>
    public static Func<object, string, Task<IEnumerable<string>>> For<TForm, TInput>(IValidator<TInput> validator,
        Func<TForm, TInput> toInput) => async (model, property) =>
    {
        var context = ValidationContext<TInput>.CreateWithOptions(toInput((TForm)model), o => o.IncludeProperties(property));
        var result = await validator.ValidateAsync(context);
        return result.Errors.Select(e => e.ErrorMessage).ToList();
    };
}
