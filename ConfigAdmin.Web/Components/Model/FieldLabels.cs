namespace ConfigAdmin.Web.Components.Model;

/// <summary>The words a person reads for a snapshot's field: "Default value", not <c>defaultValue</c>.</summary>
public static class FieldLabels
{
    /// <summary>The prefix of a per-environment value's field name: <c>overrides.production</c>.</summary>
    public const string OverridePrefix = "overrides.";

    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["name"] = "Name",
        ["description"] = "Description",
        ["owner"] = "Owner",
        ["contactEmail"] = "Contact e-mail",
        ["key"] = "Key",
        ["valueType"] = "Type",
        ["defaultValue"] = "Default value",
        ["isSecret"] = "Secret",
        ["value"] = "Value",
        ["sortOrder"] = "Sort order",
        ["role"] = "Role",
        ["applications"] = "Applications",
        ["environments"] = "Environments",
        ["expiresAt"] = "Expires (UTC)",
        ["email"] = "E-mail",
    };

    public static string Of(string field)
    {
        if (field.StartsWith(OverridePrefix, StringComparison.Ordinal)) return $"Value in {field[OverridePrefix.Length..]}";
        return Known.TryGetValue(field, out var label) ? label : Words(field);
    }

    /// <summary>An unknown camelCase field as words: <c>lastUsedAt</c> → "Last used at".</summary>
    private static string Words(string field)
    {
        if (field.Length == 0) return field;
        var text = new System.Text.StringBuilder();
        foreach (var c in field)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ').Append(char.ToLowerInvariant(c));
            else text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
        }
        return text.ToString();
    }
}
