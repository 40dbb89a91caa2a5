using System.Collections.Concurrent;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ConfigAdmin.Tests.Api;

/// <summary>What a caller sends cannot forge log lines: control characters in logged values are escaped.</summary>
[Trait("Category", "Database")]
public sealed class LoggingTests(LoggingTests.Host host) : IClassFixture<LoggingTests.Host>
{
    // The console sink's default template: what an operator reads.
    private static readonly MessageTemplateTextFormatter Console =
        new("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");

    [Fact]
    public async Task ControlCharactersInARequestPath_AreEscapedInTheLog()
    {
        await host.Client.GetAsync("/v1/applications/a%0A%5B06:00:00%20INF%5D%20forged/config?environment=production");

        var line = await WaitForLineAsync(l => l.Contains("forged", StringComparison.Ordinal));
        Assert.Contains(@"a\n[06:00:00 INF] forged", line);
        Assert.DoesNotContain("\n[06:00:00 INF] forged", line);
        Assert.Equal(line.Length - Environment.NewLine.Length, line.IndexOf(Environment.NewLine, StringComparison.Ordinal));
    }

    [Fact]
    public void LoggersOfOneCategory_AreOneLogger()
    {
        var factory = host.Factory.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        var first = factory.CreateLogger("ConfigAdmin.Tests.OneCategory");

        // Authentication handlers are made per request and ask for their logger each time: one request, one logger, not one each.
        Assert.Same(first, factory.CreateLogger("ConfigAdmin.Tests.OneCategory"));
        Assert.NotSame(first, factory.CreateLogger("ConfigAdmin.Tests.AnotherCategory"));
        Assert.True(first.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Warning));
    }

    private async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        string? line = null;
        await Eventually.UntilAsync(() => (line = host.Events.Select(Formatted).FirstOrDefault(match)) is not null, TimeSpan.FromSeconds(5),
            "The request was not logged.");
        return line!;
    }

    private static string Formatted(LogEvent e)
    {
        var writer = new StringWriter();
        Console.Format(e, writer);
        return writer.ToString();
    }

    public sealed class Host() : ApiHost(Provider.Sqlite), ILogEventSink
    {
        public ConcurrentQueue<LogEvent> Events { get; } = new();

        public void Emit(LogEvent logEvent) => Events.Enqueue(logEvent);

        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
            builder.ConfigureServices(s => s.AddSingleton<ILogEventSink>(this));
        }
    }
}
