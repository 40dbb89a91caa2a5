using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Docs;

/// <summary>
/// The app as <c>dotnet run --project ConfigAdmin.Web</c> starts it on a fresh clone: its own process, Development
/// (launchSettings.json), demo data, the default SQLite file and master key under <c>data/</c> of a content root that
/// holds only the app's appsettings files. The one difference is the address: a free loopback port instead of 5080.
/// </summary>
public sealed partial class ReadmeApp : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _console = new();
    private Process? _app;

    public string Root { get; } = Directory.CreateTempSubdirectory("configadmin-readme-").FullName;

    /// <summary>The address the app printed ("ConfigAdmin is listening on …").</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The admin API key the app printed for the README's examples.</summary>
    public string AdminKey { get; private set; } = "";

    /// <summary>The lines the app printed for the person who started it, as printed.</summary>
    public IReadOnlyList<string> Instructions { get; private set; } = [];

    /// <summary>What the app wrote to its console so far (for failure messages).</summary>
    public string ConsoleTail => string.Join("\n", _console.TakeLast(40));

    public async Task InitializeAsync()
    {
        var web = BuildOutput("ConfigAdmin.Web");
        var contentRoot = Directory.CreateDirectory(Path.Combine(Root, "app")).FullName;
        foreach (var settings in Directory.GetFiles(web, "appsettings*.json")) File.Copy(settings, Path.Combine(contentRoot, Path.GetFileName(settings)));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(web, "ConfigAdmin.Web.dll"), "--urls", "http://127.0.0.1:0", "--contentRoot", contentRoot },
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Development" },
        };
        _app = Process.Start(start)!;
        _app.OutputDataReceived += (_, e) => { if (e.Data is not null) _console.Enqueue(e.Data); };
        _app.ErrorDataReceived += (_, e) => { if (e.Data is not null) _console.Enqueue(e.Data); };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        Match key = Match.Empty;
        var printed = await Eventually.TrueAsync(() => (key = AdminKeyLine().Match(string.Join("\n", _console))).Success || _app.HasExited,
            TimeSpan.FromSeconds(90));
        if (!key.Success && _app.HasExited) throw new InvalidOperationException($"The app exited ({_app.ExitCode}):\n{ConsoleTail}");
        if (!printed) throw new TimeoutException($"The app printed no admin API key:\n{ConsoleTail}");
        AdminKey = key.Groups[1].Value;
        BaseUrl = Listening().Match(string.Join("\n", _console)).Groups[1].Value;
        Instructions = [.. _console.Where(l => l.StartsWith("Demo data: ", StringComparison.Ordinal) || l.Contains("ConfigAdmin is listening on "))];
    }

    /// <summary>
    /// A project's build output (its folder relative to the repository), in the configuration of this test assembly;
    /// test.sh builds the whole solution.
    /// </summary>
    public static string BuildOutput(string projectFolder)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var folder = Path.Combine(RepositoryRoot, projectFolder, "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(folder, Path.GetFileName(projectFolder) + ".dll"))
            ? folder
            : throw new InvalidOperationException($"{projectFolder} is not built ({configuration}): build the solution first (test.sh does).");
    }

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ConfigAdmin.sln"))) return dir.FullName;
        throw new InvalidOperationException("ConfigAdmin.sln not found above " + AppContext.BaseDirectory);
    }

    public Task DisposeAsync()
    {
        if (_app is { HasExited: false }) _app.Kill(entireProcessTree: true);
        _app?.WaitForExit(10_000);
        _app?.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"Demo data: an admin API key for the REST API \(the README's ADMIN\): (ca_\S+)")]
    private static partial Regex AdminKeyLine();

    [GeneratedRegex(@"ConfigAdmin is listening on (http://\S+)")]
    private static partial Regex Listening();
}
