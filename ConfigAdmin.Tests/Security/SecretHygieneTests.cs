using System.Collections.Concurrent;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace ConfigAdmin.Tests.Security;

/// <summary>No key, password or secret value reaches any log line, at the most verbose level; every reveal is audited.</summary>
[Trait("Category", "Database")]
public sealed class SecretHygieneTests(SecretHygieneTests.Host host) : IClassFixture<SecretHygieneTests.Host>
{
    private const string Password = "correct-horse-battery-staple-42";
    private static readonly MessageTemplateTextFormatter Console = new("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}{Properties:j}");

    [Fact]
    public async Task AFullDayOfSecrets_LeavesNoneInTheLog_AndEachRevealIsAudited()
    {
        var secret = "s3cret-" + Guid.NewGuid().ToString("N");
        var app = A.Name();
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var config = await (await host.Client.PostJsonAsync("/v1/configs", A.Config(app, "Db:Password", defaultValue: secret, secret: true))).JsonAsync();
        var id = config.GetProperty("id").GetString();
        var revealed = await (await host.Client.PostAsync($"/v1/configs/{id}/reveal", null)).JsonAsync();
        var key = await (await host.Client.PostJsonAsync("/v1/api-keys", new { name = A.Name("ci"), role = "client", applications = new[] { app } })).JsonAsync();
        var apiKey = key.GetProperty("secret").GetString()!;
        var clientRead = await host.ClientWith(apiKey).GetStringAsync($"/v1/applications/{app}/config?environment=production");
        await host.ClientWith(apiKey + "x").GetAsync($"/v1/applications/{app}/config?environment=production");
        await host.SignInAsync(SecretHygieneHostSettings.AdminEmail, Password);
        await host.SignInAsync(SecretHygieneHostSettings.AdminEmail, Password + "-wrong");

        Assert.Equal(secret, revealed.GetProperty("defaultValue").GetString());
        Assert.Contains(secret, clientRead);
        var log = string.Join("\n", host.Events.Select(Render));
        Assert.Contains("/v1/api-keys", log); // the log did record these requests
        foreach (var forbidden in new[] { secret, apiKey, Password, ApiHost.BootstrapKey })
            Assert.DoesNotContain(forbidden, log);
        var reveals = await (await host.Client.GetAsync($"/v1/audit?application={app}&action=revealed")).JsonAsync();
        var entry = Assert.Single(reveals.GetProperty("items").EnumerateArray());
        Assert.Equal(("key:bootstrap", "Db:Password"), (entry.GetProperty("actor").GetString(), entry.GetProperty("key").GetString()));
    }

    private static string Render(LogEvent e)
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
            // As verbose as it gets, EF's SQL and ASP.NET's internals included.
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Verbose");
            builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Verbose");
            builder.UseSetting("Security:InitialAdmin:Email", SecretHygieneHostSettings.AdminEmail);
            builder.UseSetting("Security:InitialAdmin:Password", Password);
            builder.ConfigureServices(s => s.AddSingleton<ILogEventSink>(this));
        }
    }
}

public static class SecretHygieneHostSettings
{
    public const string AdminEmail = "hygiene-admin@example.com";
}
