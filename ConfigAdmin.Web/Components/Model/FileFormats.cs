using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>The transfer formats as the pages name them, and the format a file's name suggests.</summary>
public static class FileFormats
{
    /// <summary>Every format, in the order the pages list them (the whole-application one last).</summary>
    public static IReadOnlyList<string> All => TransferFormats.Names;

    /// <summary>The formats that hold one layer or environment (every one but the whole-application format).</summary>
    public static IReadOnlyList<string> Layer { get; } = TransferFormats.All.OfType<IEnvironmentFormat>().Select(f => f.Name).ToArray();

    public static string Label(string format) => format switch
    {
        "json" => "appsettings.json (nested JSON)",
        "flat" => "Flat JSON",
        "env" => ".env",
        "yaml" => "YAML",
        "properties" => ".properties",
        "configadmin" => "ConfigAdmin (whole application)",
        _ => format,
    };

    /// <summary>The format of a file by its name (longest ending first: ".flat.json" before ".json"); null when the name says nothing.</summary>
    public static string? FromFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName)) return null;
        var name = Path.GetFileName(fileName).ToLowerInvariant();
        if (name.EndsWith(".yml", StringComparison.Ordinal)) return TransferFormats.Yaml.Name;
        if (name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal)) return TransferFormats.Env.Name;
        return TransferFormats.All.OrderByDescending(f => f.FileExtension.Length)
            .FirstOrDefault(f => name.EndsWith(f.FileExtension, StringComparison.Ordinal))?.Name;
    }
}
