using FluentValidation;

namespace ConfigAdmin.Web.Components.Shared;

/// <summary>A service's field errors, shown beside the fields they name (case-insensitively: REST spells them camelCase).</summary>
public sealed class FieldErrors
{
    private readonly ILookup<string, string> _errors;

    private FieldErrors(ILookup<string, string> errors) => _errors = errors;

    public static readonly FieldErrors None = new(Array.Empty<string>().ToLookup(e => e, StringComparer.OrdinalIgnoreCase));

    public static FieldErrors From(ValidationException ex) =>
        new(ex.Errors.ToLookup(e => e.PropertyName, e => e.ErrorMessage, StringComparer.OrdinalIgnoreCase));

    /// <summary>The messages for one field, joined; null when it has none.</summary>
    public string? Of(string field) => _errors.Contains(field) ? string.Join(" ", _errors[field].Distinct()) : null;
}
