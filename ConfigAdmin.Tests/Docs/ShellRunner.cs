using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Docs;

/// <summary>What one command did: its exit code, output, and the status of every HTTP request curl made in it.</summary>
public sealed record ShellOutcome(int ExitCode, string Output, string Errors, IReadOnlyList<int> Statuses, bool StillRunning);

/// <summary>
/// Runs a reader's commands one after another with bash, as they would type them: variables set by one command are
/// there for the next, and every curl reports the status it got (through a curl config file of the runner's own,
/// <c>write-out</c> to stderr), so the README's commands run exactly as written.
/// </summary>
public sealed class ShellRunner
{
    private const string StatusMark = "README-STATUS ";
    private readonly Dictionary<string, string> _variables = [];
    private readonly string _workingDirectory;
    private readonly string _curlHome;

    public ShellRunner(string workingDirectory)
    {
        _workingDirectory = workingDirectory;
        _curlHome = Directory.CreateDirectory(Path.Combine(workingDirectory, "..", "curl")).FullName;
        File.WriteAllText(Path.Combine(_curlHome, ".curlrc"), $"write-out = \"%{{stderr}}{StatusMark}%{{http_code}} %{{method}} %{{url_effective}}\\n\"\n");
    }

    public IReadOnlyDictionary<string, string> Variables => _variables;

    public void Set(string name, string value) => _variables[name] = value;

    /// <summary>Runs one command to its end (at most <paramref name="timeout"/>) and keeps the variable it sets.</summary>
    public async Task<ShellOutcome> RunAsync(string command, string? assigns, TimeSpan timeout)
    {
        var varsFile = Path.Combine(_curlHome, "vars");
        File.Delete(varsFile);
        var script = new StringBuilder("set -o pipefail\n").Append(command).Append("\nrc=$?\n");
        if (assigns is not null) script.Append($"[ -n \"${{{assigns}+x}}\" ] && printf '%s' \"${assigns}\" > '{varsFile}'\n");
        script.Append("exit $rc\n");
        using var process = Start(script.ToString());
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"still running after {timeout.TotalSeconds} s: {command}");
        }
        if (assigns is not null && File.Exists(varsFile)) _variables[assigns] = await File.ReadAllTextAsync(varsFile);
        return Outcome(process.ExitCode, await output, await errors, stillRunning: false);
    }

    /// <summary>
    /// Runs a command that goes on until the reader presses Ctrl+C: until its output shows <paramref name="until"/> (or,
    /// without one, for <paramref name="wait"/>), then interrupts it as Ctrl+C does (SIGINT to its process group).
    /// </summary>
    public async Task<ShellOutcome> RunUntilStoppedAsync(string command, string? until, TimeSpan wait)
    {
        using var process = Start(command);
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Eventually.TrueAsync(() => process.HasExited || (until is not null && Contains(output, until)), wait);
        var stillRunning = !process.HasExited;
        if (stillRunning)
        {
            using var interrupt = Process.Start("kill", ["-INT", "--", $"-{process.Id}"]);
            await interrupt.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.WaitForExit(); // the last lines of output
        return Outcome(stillRunning ? 0 : process.ExitCode, output.ToString(), errors.ToString(), stillRunning);
    }

    /// <summary>The first value of a property named <paramref name="name"/> in the JSON a command printed (after its headers, with curl -i).</summary>
    public static string? FirstJsonValue(string output, string name)
    {
        var body = output.StartsWith("HTTP/", StringComparison.Ordinal) ? output[(output.ReplaceLineEndings("\n").IndexOf("\n\n", StringComparison.Ordinal) + 2)..] : output;
        try
        {
            using var json = JsonDocument.Parse(body);
            return Find(json.RootElement, name);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Find(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == name) return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                if (Find(property.Value, name) is { } found) return found;
            }
        if (element.ValueKind == JsonValueKind.Array)
            foreach (var item in element.EnumerateArray())
                if (Find(item, name) is { } found) return found;
        return null;
    }

    /// <summary>
    /// bash in a process group of its own (setsid, which execs it: not a group leader, it needs no fork), so Ctrl+C can
    /// reach everything it started.
    /// </summary>
    private Process Start(string script)
    {
        var start = new ProcessStartInfo("setsid", ["--wait", "bash", "-c", script])
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CURL_HOME"] = _curlHome },
        };
        foreach (var (name, value) in _variables) start.Environment[name] = value;
        return Process.Start(start)!;
    }

    private static ShellOutcome Outcome(int exitCode, string output, string errors, bool stillRunning)
    {
        var lines = errors.ReplaceLineEndings("\n").Split('\n');
        var statuses = lines.Where(l => l.StartsWith(StatusMark, StringComparison.Ordinal))
            .Select(l => int.Parse(l.AsSpan(StatusMark.Length, 3))).ToList();
        var rest = string.Join("\n", lines.Where(l => !l.StartsWith(StatusMark, StringComparison.Ordinal))).Trim();
        return new ShellOutcome(exitCode, output, rest, statuses, stillRunning);
    }

    private static bool Contains(StringBuilder text, string value)
    {
        lock (text) return text.ToString().Contains(value, StringComparison.Ordinal);
    }
}
