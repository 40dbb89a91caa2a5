using ConfigAdmin.Core.Common;
using ConfigAdmin.Data;
using FluentValidation;

namespace ConfigAdmin.Web.Components.Shared;

/// <summary>Which failures a page explains to the user itself; anything else goes to the layout's ErrorBoundary.</summary>
public static class UiErrors
{
    /// <summary>Someone else saved first: the caller's version is stale.</summary>
    public static bool IsConflict(Exception ex) => ex is StaleVersionException or ConcurrentWriteException;

    /// <summary>A refusal the user can act on (validation, taken name, in use, gone, store busy).</summary>
    public static bool IsExpected(Exception ex) =>
        ex is DomainException or ValidationException || DatabaseErrors.IsUnavailable(ex);

    public static string Message(Exception ex) => ex switch
    {
        ValidationException v when v.Errors.Any() => string.Join(" ", v.Errors.Select(e => e.ErrorMessage).Distinct()),
        Core.Schemas.SchemaViolationException s => string.Join(" ", s.Violations.Select(v =>
            $"'{v.Key}' {(v.Environment is null ? "default" : "in " + v.Environment)}{(v.Pointer.Length == 0 ? "" : " at " + v.Pointer)} {v.Message}")),
        Core.Schemas.InvalidSchemaException s => "The schema is not valid: " + string.Join(" ", s.Violations.Select(v =>
            $"{(v.Pointer.Length == 0 ? "It" : v.Pointer)} {v.Message}")),
        _ when DatabaseErrors.IsUnavailable(ex) => "The database cannot be reached right now; nothing was changed. Try again shortly.",
        _ => ex.Message,
    };
}
