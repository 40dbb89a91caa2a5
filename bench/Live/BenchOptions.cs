using Microsoft.Extensions.Configuration;

namespace Bench.Live;

/// <summary>The command line: nodes, keys and sizes.</summary>
public sealed class BenchOptions(IConfiguration settings)
{
    public Uri Url { get; } = new(settings["url"] ?? throw new ArgumentException("--url is required"));
    public Uri UrlB { get; } = new(settings["url-b"] ?? settings["url"]!);
    public string AdminKey { get; } = settings["admin-key"] ?? throw new ArgumentException("--admin-key is required");
    public string ReadKey { get; } = settings["read-key"] ?? throw new ArgumentException("--read-key is required");
    public string Application { get; } = settings["app"] ?? "app-042";
    public string Environment { get; } = settings["env"] ?? "production";
    public int N { get; } = int.Parse(settings["n"] ?? "10000");
    public int Rounds { get; } = int.Parse(settings["rounds"] ?? "200");
    /// <summary>History mode: imports of its 2,000 keys (each one revision per key).</summary>
    public int Imports { get; } = int.Parse(settings["imports"] ?? "50");

    /// <summary>The admin who signs in to time pages as a browser opens them (Security:InitialAdmin of the node).</summary>
    public string AdminEmail { get; } = settings["admin-email"] ?? "bench@example.com";
    public string AdminPassword { get; } = settings["admin-password"] ?? "";

    /// <summary>Pages mode: the admin pages to GET, one path a line.</summary>
    public string? PagesFile { get; } = settings["pages-file"];

    public int ServerPid { get; } = int.Parse(settings["pid"] ?? "0");

    /// <summary>When set, waiters mode creates this file once everything is parked and writes only once <c>GoFile</c> exists.</summary>
    public string? ParkedFile { get; } = settings["parked-file"];
    public string? GoFile { get; } = settings["go-file"];

    /// <summary>
    /// The waiters' client: "raw" (default) is one socket each that writes a prepared request and notes when the answer's
    /// first bytes arrive, as ten thousand separate clients would; "http" is one HttpClient for all of them, whose own
    /// per-response work shares the two cores with the server and is counted in the delay.
    /// </summary>
    public string WaiterClient { get; } = settings["client"] ?? "raw";

    public string ReadPath => $"/v1/applications/{Application}/config?environment={Environment}";
}
