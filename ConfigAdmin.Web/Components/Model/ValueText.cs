using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>How a stored value reads on screen: JSON objects and arrays indented when they would not fit one short line.</summary>
public static class ValueText
{
    private const int ShortLine = 40;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The value, indented when it is a JSON object or array longer than a short line; anything else as it is.</summary>
    public static string Pretty(string value)
    {
        var trimmed = value.AsSpan().Trim();
        if (value.Length <= ShortLine || trimmed.Length == 0 || trimmed[0] is not ('{' or '[')) return value;
        try
        {
            return JsonNode.Parse(value, documentOptions: new JsonDocumentOptions { MaxDepth = 64 })?.ToJsonString(Indented) ?? value;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    /// <summary>True when <see cref="Pretty"/> spans lines, so it is shown as a block.</summary>
    public static bool IsBlock(string value) => value.Contains('\n');
}
