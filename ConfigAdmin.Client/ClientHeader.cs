using System.Reflection;
using System.Text;

namespace ConfigAdmin.Client;

/// <summary>
/// <c>ConfigAdmin-Client: &lt;instance id&gt;; host=&lt;host name&gt;; version=&lt;library version&gt;</c>: lets the
/// server list which instances run which configuration.
/// </summary>
internal static class ClientHeader
{
    public const string Name = "ConfigAdmin-Client";

    /// <summary>The assembly's informational version (e.g. <c>1.0.0+3f2a…</c>), else its assembly version.</summary>
    public static string LibraryVersion { get; } =
        typeof(ClientHeader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ClientHeader).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static string Format(string instanceId, string host, string version) =>
        $"{Token(instanceId)}; host={Token(host)}; version={Token(version)}";

    /// <summary>
    /// A header-safe token: visible ASCII only, and none of the separators of this header (<c>; , = "</c>), so a
    /// strange host name can neither break the header nor forge a parameter.
    /// </summary>
    internal static string Token(string value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "unknown";
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
            builder.Append(c is > ' ' and < (char)0x7F and not (';' or ',' or '=' or '"' or '\\') ? c : '-');
        return builder.ToString();
    }
}
