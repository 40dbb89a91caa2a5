using System.Diagnostics;

namespace ConfigAdmin.Tests.Docs;

/// <summary>The webhook verification docs/operations.md gives operators works: its shell one-liner signs the Standard Webhooks reference vector right.</summary>
[Trait("Category", "Unit")]
public sealed class WebhookDocsTests
{
    [Fact]
    public async Task TheOpensslOneLiner_PrintsTheReferenceSignature()
    {
        var markdown = File.ReadAllText(Path.Combine(ReadmeApp.RepositoryRoot, "docs/operations.md"));
        var block = Assert.Single(ShellExamples.Parse(markdown), b => b.Heading == "Verifying a delivery");
        var folder = Directory.CreateTempSubdirectory("configadmin-webhook-docs-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "body.json"), """{"test": 2432232314}""");
        var start = new ProcessStartInfo("bash", ["-c", string.Join("\n", block.Commands.Select(c => c.Text))])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["SECRET"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", ["ID"] = "msg_p5jXN8AQM9LWM0D4loKWxJek", ["TS"] = "1614265330",
            },
        };

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        Assert.Equal("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", output.Trim());
        Directory.Delete(folder, recursive: true);
    }
}
