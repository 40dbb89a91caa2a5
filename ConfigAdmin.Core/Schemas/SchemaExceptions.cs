using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// One value of a key that breaks the key's schema: which key, which value (<c>Environment</c> null for the default),
/// where in the value (a JSON pointer, "" for the whole value) and what is wrong. Never quotes the value: it may be secret.
/// </summary>
public sealed record SchemaViolation(string Key, string? Environment, string Pointer, string Message);

/// <summary>One fault of a schema itself: where in the schema (a JSON pointer) and what is wrong; <c>Key</c> names the key.</summary>
public sealed record SchemaFault(string Pointer, string Message, string? Key = null);

/// <summary>
/// Values break their keys' schemas (<c>schema_violation</c>): a 400 when the write brings the bad values, a 409 when
/// the write's schema (or restored values) collide with values already stored. Nothing is written either way.
/// </summary>
public sealed class SchemaViolationException(IReadOnlyList<SchemaViolation> violations, bool conflict)
    : DomainException(ErrorCodes.SchemaViolation, Describe(violations, conflict))
{
    public IReadOnlyList<SchemaViolation> Violations { get; } = violations;

    /// <summary>True when stored values (not the ones this write sends) break the schema: a conflict, not bad input.</summary>
    public bool Conflict { get; } = conflict;

    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["violations"] = Violations };

    private static string Describe(IReadOnlyList<SchemaViolation> violations, bool conflict)
    {
        var keys = string.Join(", ", violations.Select(v => $"'{v.Key}'").Distinct());
        var values = violations.Select(v => (v.Key, v.Environment)).Distinct().Count();
        var faults = violations.Count == 1 ? "1 violation" : $"{violations.Count} violations";
        return conflict
            ? $"Values stored for {keys} would break the schema ({faults}, listed in violations): change the values first, or the schema. Nothing was changed."
            : $"{(values == 1 ? "A value" : $"{values} values")} of {keys} break{(values == 1 ? "s" : "")} the key's schema ({faults}, listed in violations). Nothing was changed.";
    }
}

/// <summary>A schema is not a valid JSON Schema 2020-12 this server accepts (<c>invalid_schema</c>, 400); pointers are into the schema.</summary>
public sealed class InvalidSchemaException(IReadOnlyList<SchemaFault> violations)
    : DomainException(ErrorCodes.InvalidSchema,
        $"The schema{(violations.FirstOrDefault()?.Key is { } key ? $" of '{key}'" : "")} is not a valid JSON Schema (2020-12): " +
        $"{string.Join("; ", violations.Take(3).Select(v => (v.Pointer.Length == 0 ? "" : v.Pointer + " ") + v.Message.TrimEnd('.')))}" +
        $"{(violations.Count > 3 ? $"; and {violations.Count - 3} more" : "")}.")
{
    public IReadOnlyList<SchemaFault> Violations { get; } = violations;

    public override IReadOnlyDictionary<string, object?> Details => new Dictionary<string, object?> { ["violations"] = Violations };
}
