using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// The real app as its own process (ConfigAdmin.Web's build output) on a test database, so a test can kill it with
/// SIGKILL (no shutdown, no flush) and start it again on the same database.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, HttpClient client) => (_process, Client) = (process, client);

    /// <summary>A client with the bootstrap admin key.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the app on <paramref name="database"/> with <paramref name="settings"/> added, and waits until it is ready.</summary>
    public static async Task<AppProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var web = WebOutputFolder();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                Path.Combine(web, "ConfigAdmin.Web.dll"), "--urls", $"http://127.0.0.1:{port}", "--environment", "Testing",
                "--contentRoot", web, "--Serilog:MinimumLevel:Default", "Warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var all = database.Settings;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
        foreach (var (key, value) in all)
        {
            start.ArgumentList.Add($"--{key}");
            start.ArgumentList.Add(value ?? "");
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") }.WithKey();
        if (await Eventually.TrueAsync(() => Readiness.IsReadyAsync(client), TimeSpan.FromSeconds(30))) return new AppProcess(process, client);
        process.Kill();
        throw new InvalidOperationException("The app did not become ready.");
    }

    /// <summary>SIGKILL: the process is gone at once, with whatever it had in flight.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>ConfigAdmin.Web's own build output (same configuration as this test assembly).</summary>
    private static string WebOutputFolder()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConfigAdmin.sln"))) root = root.Parent;
        return Path.Combine(root!.FullName, "ConfigAdmin.Web", "bin", configuration, "net10.0");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
        Client.Dispose();
    }
}
