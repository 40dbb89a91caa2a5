using System.Diagnostics;

namespace ConfigAdmin.Tests.Docs;

/// <summary>
/// The README's shell examples, run in order with bash and curl against the app started as the README starts it, on
/// a fresh database: each command must succeed and each request answer the status the README announces (a 2xx unless a
/// comment such as <c># 304 Not Modified</c> says otherwise). Only the values the README tells the reader to fill in are
/// filled in: BASE (the address the app printed), ADMIN (the admin key it printed) and the placeholders whose comment
/// names the JSON property to copy (<c>KEY=ca_…   # its "secret"</c>). The conventions: docs/decisions/0014.
/// </summary>
[Trait("Category", "Database")]
public sealed class ReadmeTests(ReadmeApp app) : IClassFixture<ReadmeApp>
{
    private const string SampleRun = "dotnet run --project samples/ConfigAdmin.Client.Sample -f net10.0";

    /// <summary>The blocks not run here, by their first command, and why: each must still be in the README.</summary>
    private static readonly Dictionary<string, string> NotRun = new()
    {
        ["dotnet run --project ConfigAdmin.Web"] = "how the app starts (ReadmeApp starts it so) and the test suite itself",
        ["export Database__Provider=Postgres"] = "needs the reader's PostgreSQL server; every Data and Api test runs on PostgreSQL too",
        ["dotnet pack ConfigAdmin.Client"] = "restores from nuget.org and adds a NuGet source for the user; tests talk to loopback only",
    };

    private static string Readme => File.ReadAllText(Path.Combine(ReadmeApp.RepositoryRoot, "README.md"));

    [Fact]
    public async Task EveryShellExample_RunsInOrder_AndAnswersAsTheReadmeSays()
    {
        var blocks = ShellExamples.Parse(Readme);
        var shell = new ShellRunner(Directory.CreateDirectory(Path.Combine(app.Root, "work")).FullName);
        var sample = Path.Combine(ReadmeApp.BuildOutput("samples/ConfigAdmin.Client.Sample"), "ConfigAdmin.Client.Sample.dll");
        ShellOutcome? previous = null;
        var ran = 0;

        foreach (var block in blocks.Where(b => !NotRun.Keys.Any(b.FirstCommand.StartsWith)))
        foreach (var command in block.Commands)
        {
            var where = $"README.md line {command.Line} ({block.Heading}): {command.Text}";
            if (command.Assigns == "BASE")
            {
                shell.Set("BASE", app.BaseUrl);
                continue;
            }
            if (command.IsPlaceholder)
            {
                var value = command.Assigns == "ADMIN" ? app.AdminKey
                    : command.NamedProperty is { } property && previous is not null ? ShellRunner.FirstJsonValue(previous.Output, property)
                    : null;
                Assert.True(value is not null, $"{where}\nnothing to fill it with: name the JSON property to copy in its comment, in quotes\n{previous?.Output}");
                shell.Set(command.Assigns!, value!);
                continue;
            }

            ran++;
            if (command.RunsUntilStopped)
            {
                // The sample as dotnet run would start it, from its build: dotnet run would first build it again (Debug) in the repository.
                var isSample = command.Text.Contains(SampleRun, StringComparison.Ordinal);
                var text = isSample ? command.Text.Replace(SampleRun, $"dotnet '{sample}'") : command.Text;
                var stopped = await shell.RunUntilStoppedAsync(text, isSample ? "Payments now:" : null,
                    isSample ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(2));
                Assert.True(stopped.StillRunning && (!isSample || stopped.Output.Contains("Payments now:", StringComparison.Ordinal)),
                    $"{where}\nended before Ctrl+C (exit {stopped.ExitCode}):\n{stopped.Output}\n{stopped.Errors}");
                previous = stopped;
                continue;
            }

            var outcome = await shell.RunAsync(command.Text, command.Assigns, TimeSpan.FromSeconds(60));
            var expected = command.AnnouncedStatus;
            Assert.True(outcome.ExitCode == 0, $"{where}\nexit {outcome.ExitCode}\n{outcome.Output}\n{outcome.Errors}");
            Assert.True(!command.Text.Contains("curl ", StringComparison.Ordinal) || outcome.Statuses.Count > 0, $"{where}\nno request was made");
            Assert.True(outcome.Statuses.All(s => expected is { } e ? s == e : s is >= 200 and < 300),
                $"{where}\nanswered {string.Join(", ", outcome.Statuses)}, expected {expected?.ToString() ?? "2xx"}\n{outcome.Output}\n{outcome.Errors}");
            previous = outcome;
        }

        Assert.True(ran >= 30, $"only {ran} commands ran");
        Assert.All(NotRun.Keys, k => Assert.Contains(blocks, b => b.FirstCommand.StartsWith(k, StringComparison.Ordinal)));
    }

    [Fact]
    public void WhatTheAppPrintsAtStart_IsWhatTheReadmeQuotes()
    {
        var readme = Readme;
        var quoted = app.Instructions.Select(line => line[Math.Max(0, line.IndexOf("ConfigAdmin is listening", StringComparison.Ordinal))..]
            .Replace(app.BaseUrl, "http://localhost:5080"))
            // The password and the key are random: the README quotes what comes before them.
            .Select(line => line.Contains(" with password ", StringComparison.Ordinal) ? line[..(line.IndexOf(" with password ", StringComparison.Ordinal) + 15)]
                : line.Contains(" ca_", StringComparison.Ordinal) ? line[..(line.IndexOf(" ca_", StringComparison.Ordinal) + 1)] : line)
            .ToList();

        Assert.Equal(3, quoted.Count);
        Assert.All(quoted, line => Assert.Contains(line, readme));
    }

    [Fact]
    public async Task TheClientSample_WithoutAKey_SaysWhatToSetInOneLine()
    {
        var sample = Path.Combine(ReadmeApp.BuildOutput("samples/ConfigAdmin.Client.Sample"), "ConfigAdmin.Client.Sample.dll");
        var start = new ProcessStartInfo("dotnet", [sample]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("ConfigAdmin__ApiKey");

        using var process = Process.Start(start)!;
        var (output, errors) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", await output);
        var line = Assert.Single((await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Set ConfigAdmin__ApiKey to a client key of checkout-api (development)", line);
    }
}
