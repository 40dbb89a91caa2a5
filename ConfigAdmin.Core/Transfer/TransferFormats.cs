namespace ConfigAdmin.Core.Transfer;

/// <summary>Every format by name; formats are stateless, so one instance each serves every request.</summary>
public static class TransferFormats
{
    public static readonly JsonFormat Json = new();
    public static readonly FlatJsonFormat Flat = new();
    public static readonly EnvFormat Env = new();
    public static readonly YamlFormat Yaml = new();
    public static readonly PropertiesFormat Properties = new();
    public static readonly ConfigAdminFormat ConfigAdmin = new();

    /// <summary>All formats, in the order the API documents them.</summary>
    public static IReadOnlyList<IConfigFormat> All { get; } = [Json, Flat, Env, Yaml, Properties, ConfigAdmin];

    /// <summary>The valid values of <c>?format=</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    /// <summary>The format of that name (ignoring case); <see cref="UnknownFormatException"/> listing the valid names otherwise.</summary>
    public static IConfigFormat Get(string? name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownFormatException(name);
}
