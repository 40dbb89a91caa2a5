using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConfigAdmin.Web.Api;

namespace ConfigAdmin.Tests.Docs;

/// <summary>The limits the docs give operators are the code's own: one number each, wherever it is written.</summary>
[Trait("Category", "Unit")]
public sealed partial class DocsNumbersTests
{
    private static string Doc(string path) => File.ReadAllText(Path.Combine(ReadmeApp.RepositoryRoot, path));

    private static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    [Fact]
    public void ConnectionLimits_AreTheOnesTheAppStartsWith()
    {
        using var settings = JsonDocument.Parse(Doc("ConfigAdmin.Web/appsettings.json"));
        var connections = Thousands(settings.RootElement.GetProperty("Kestrel").GetProperty("Limits").GetProperty("MaxConcurrentConnections").GetInt64());
        var waiters = Thousands(new ApiOptions().MaxWaiters);

        foreach (var doc in new[] { "docs/operations.md", "docs/reliability.md" })
        {
            var text = Doc(doc);
            Assert.All(ConnectionCounts().Matches(text), m => Assert.True(m.Groups[1].Value == connections,
                $"{doc} says {m.Value}; appsettings.json says {connections}"));
            Assert.Contains(connections, text);
            Assert.Contains(waiters, text);
        }
    }

    [Fact]
    public void ProxyTimeouts_AreAboveTheLongestHeldPoll_WhichTheDocsNameAlike()
    {
        var maxWait = new ApiOptions().MaxWaitSeconds;
        var operations = Doc("docs/operations.md");
        var readme = Doc("README.md");

        Assert.Contains($"`Api:MaxWaitSeconds` ({maxWait} s by default", operations);
        Assert.Contains($"`Api:MaxWaitSeconds` ({maxWait} s by default", readme);
        Assert.Contains($"| `Api:MaxWaitSeconds` | {maxWait} |", operations);
        var pollTimeout = PollReadTimeout().Match(operations);
        Assert.True(pollTimeout.Success && int.Parse(pollTimeout.Groups[1].Value) > maxWait, $"the nginx example's long-poll timeout: {pollTimeout.Value}");
        Assert.DoesNotMatch(@"MaxWaitSeconds`? \+|LongPollWait`? \+", operations + readme);
    }

    [GeneratedRegex(@"(\d{1,3}(?:,\d{3})+) (?:concurrent|connections in all)")]
    private static partial Regex ConnectionCounts();

    [GeneratedRegex(@"location /v1/ \{[^}]*proxy_read_timeout (\d+)s;", RegexOptions.Singleline)]
    private static partial Regex PollReadTimeout();
}
