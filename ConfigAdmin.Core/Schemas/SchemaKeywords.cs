namespace ConfigAdmin.Core.Schemas;

/// <summary>Where a schema holds subschemas: everything else in it (enum, const, default, examples, unknown keywords) is data.</summary>
internal static class SchemaKeywords
{
    /// <summary>Keywords whose value is one subschema.</summary>
    public static readonly string[] One =
        ["additionalProperties", "unevaluatedProperties", "items", "contains", "propertyNames", "not", "if", "then", "else", "unevaluatedItems", "contentSchema"];

    /// <summary>Keywords whose value is an array of subschemas.</summary>
    public static readonly string[] Lists = ["allOf", "anyOf", "oneOf", "prefixItems"];

    /// <summary>Keywords whose value maps names to subschemas.</summary>
    public static readonly string[] Maps = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
}
