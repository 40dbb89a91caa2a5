using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;

namespace ConfigAdmin.Core.Schemas;

/// <summary>
/// The write pipeline's schema step, after the value types: only json keys take a schema, a schema must be valid, and
/// every value a key will hold (its default and each override) must validate against the key's schema, whichever path
/// the write came by. All faults are reported at once; nothing is stored.
/// </summary>
public sealed class SchemaRules(SchemaCompiler compiler) : IChangeValidator
{
    public void Validate(ChangeSet set)
    {
        var steps = set.Changing.Where(s => s.Target?.Schema is not null).ToList();
        if (steps.Count == 0) return;

        var misplaced = steps.Where(s => s.Target!.ValueType != ConfigValueType.Json)
            .Select(s => set.Describe(new KeyFault(s, KeyPart.Schema, null, "may only have a schema when its type is json.")))
            .ToList();
        if (misplaced.Count > 0) throw new FluentValidation.ValidationException(misplaced);

        var faults = steps.SelectMany(s => compiler.Compile(s.Target!.Schema!).Faults.Select(f => f with { Key = s.Key })).ToList();
        if (faults.Count > 0) throw new InvalidSchemaException(faults);

        var violations = new List<(SchemaViolation Violation, bool Stored)>();
        foreach (var step in steps)
        {
            var target = step.Target!;
            var schema = compiler.Compile(target.Schema!);
            var values = new List<(string? Environment, string Value)>();
            if (target.DefaultValue is { } defaultValue) values.Add((null, defaultValue));
            values.AddRange(target.Overrides.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => ((string?)o.Key, o.Value)));
            foreach (var (environment, value) in values)
            {
                var stored = set.StoredValues || Unchanged(step, environment, value);
                violations.AddRange(schema.Check(value).Select(f => (new SchemaViolation(target.Key, environment, f.Pointer, f.Message), stored)));
            }
        }
        if (violations.Count > 0) throw new SchemaViolationException(violations.Select(v => v.Violation).ToList(), violations.Any(v => v.Stored));
    }

    /// <summary>The value is the one the key holds already: only a new schema (or type) makes it break.</summary>
    private static bool Unchanged(KeyStep step, string? environment, string value) =>
        step.Now is { } now && (environment is null ? now.DefaultValue : now.Overrides.GetValueOrDefault(environment)) == value;
}
