using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// Checks and evaluates schemas, keeping each evaluated schema by its text: a bulk import of thousands of values under
/// a few schemas builds each schema once. A schema must be a JSON object of at most 64 KiB, valid against the 2020-12
/// meta-schema, with references only within itself (nothing is ever fetched) and formats this server asserts.
/// The same code checks in the editor, before anything is sent, and on every write path.
/// </summary>
public sealed class SchemaCompiler
{
    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private const int CacheLimit = 1024;

    private static readonly EvaluationOptions MetaOptions = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private readonly ConcurrentDictionary<string, CompiledSchema> _cache = new(StringComparer.Ordinal);

    /// <summary>The schema of <paramref name="text"/>, checked, from the cache when seen before.</summary>
    public CompiledSchema Compile(string text)
    {
        if (_cache.TryGetValue(text, out var known)) return known;
        // Many distinct schemas (a fuzzer, a hostile client) must not grow the cache without end: start over.
        if (_cache.Count >= CacheLimit) _cache.Clear();
        return _cache.GetOrAdd(text, Build);
    }

    /// <summary>Every fault of <paramref name="value"/> against <paramref name="schema"/> (both JSON texts); the schema's own faults when it is invalid.</summary>
    public IReadOnlyList<(string Pointer, string Message)> Check(string schema, string value)
    {
        var compiled = Compile(schema);
        return compiled.IsValid ? compiled.Check(value) : compiled.Faults.Select(f => (f.Pointer, f.Message)).ToList();
    }

    private static CompiledSchema Build(string text)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) > SchemaLimits.MaxBytes)
            return CompiledSchema.Invalid([new("", $"is larger than {SchemaLimits.MaxBytes / 1024} KiB of UTF-8.")]);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = SchemaLimits.MaxDepth });
        }
        catch (JsonException)
        {
            return CompiledSchema.Invalid([new("", "is not well-formed JSON.")]);
        }
        var root = document.RootElement.Clone();
        document.Dispose();
        if (root.ValueKind != JsonValueKind.Object) return CompiledSchema.Invalid([new("", "must be a JSON object.")]);

        // Our own checks word the common faults better; the meta-schema's findings stand where ours found nothing.
        var faults = new SchemaShape(root).Faults().ToList();
        var meta = MetaSchemas.Draft202012.Evaluate(root, MetaOptions);
        if (!meta.IsValid)
        {
            var found = new List<(string Pointer, string Message)>();
            new ResultWalker(default, root, quoteLibrary: true).Collect(meta, found);
            faults.AddRange(found.Distinct().Where(f => faults.All(o => o.Pointer != f.Pointer)).Select(f => new SchemaFault(f.Pointer, Sentence(f.Message))));
        }
        if (faults.Count > 0) return CompiledSchema.Invalid(faults);
        try
        {
            var registry = new SchemaRegistry { Fetch = (_, _) => null };
            return CompiledSchema.Valid(JsonSchema.Build(root, new BuildOptions { SchemaRegistry = registry }), root);
        }
        catch (Exception e) when (e is JsonSchemaException or RefResolutionException or ArgumentException or JsonException or FormatException)
        {
            return CompiledSchema.Invalid([new("", Sentence(e.Message))]);
        }
    }

    /// <summary>A library message as the rest of ours read: lower-case start, a full stop at the end.</summary>
    private static string Sentence(string message)
    {
        var text = message.Trim();
        if (text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1])) text = char.ToLowerInvariant(text[0]) + text[1..];
        return text.EndsWith('.') ? text : text + ".";
    }
}
