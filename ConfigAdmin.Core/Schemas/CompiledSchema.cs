using System.Text.Json;
using Json.Schema;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// A schema as the server checked it: evaluated once (built, its references resolved) when it is valid, else the
/// faults that make it invalid. Evaluating a value reports every fault, each at its JSON pointer.
/// </summary>
public sealed class CompiledSchema
{
    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag, RequireFormatValidation = true };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private readonly JsonSchema? _schema;
    private readonly JsonElement _root;

    private CompiledSchema(JsonSchema? schema, JsonElement root, IReadOnlyList<SchemaFault> faults) =>
        (_schema, _root, Faults) = (schema, root, faults);

    /// <summary>Why the schema is not valid; empty when it is.</summary>
    public IReadOnlyList<SchemaFault> Faults { get; }

    public bool IsValid => _schema is not null;

    public static CompiledSchema Invalid(IReadOnlyList<SchemaFault> faults) => new(null, default, faults);

    public static CompiledSchema Valid(JsonSchema schema, JsonElement root) => new(schema, root, []);

    /// <summary>Every fault of <paramref name="value"/> (a well-formed JSON text), in the value's order; empty when it validates.</summary>
    public IReadOnlyList<(string Pointer, string Message)> Check(string value)
    {
        if (_schema is null) throw new InvalidOperationException("An invalid schema checks no value.");
        using var document = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = SchemaLimits.MaxDepth });
        return Check(document.RootElement);
    }

    public IReadOnlyList<(string Pointer, string Message)> Check(JsonElement value)
    {
        if (_schema is null) throw new InvalidOperationException("An invalid schema checks no value.");
        try
        {
            // The flag run stops at the first failure: most values pass, and only a failing one pays for the details.
            if (_schema.Evaluate(value, Flag).IsValid) return [];
            var faults = new List<(string, string)>();
            new ResultWalker(_root, value, quoteLibrary: false).Collect(_schema.Evaluate(value, Detailed), faults);
            return faults.Distinct().ToList();
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // A value the evaluator cannot judge is refused, never let through unchecked.
            return [("", "could not be checked against the schema (the evaluator failed on it); simplify the schema.")];
        }
    }
}
