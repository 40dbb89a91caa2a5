using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.E2E.Infrastructure;

/// <summary>The real app, to be put on real Kestrel, over a SQLite file of its own, with the settings a fixture adds.</summary>
public sealed class KestrelAppFactory(string databaseFile, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // "Testing": no demo seeding; static web assets still come from the build output.
        builder.UseEnvironment("Testing");
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:ConfigAdmin", $"Data Source={databaseFile}");
        builder.UseSetting("Security:MasterKey", TestDatabase.MasterKey);
        // Warnings and errors only, as the other test hosts log: a line per request and per circuit event, written to the
        // test process's console beside two browsers, cost CPU the flows need.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Browser tests sign in from one address many times a minute; the limit itself is RateLimitTests' subject.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "1000");
        // Webhook receivers of the browser tests listen on 127.0.0.1; deliveries never reach beyond it.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        builder.ConfigureTestServices(s => s.AddSingleton<Core.Webhooks.IWebhookResolver>(new LoopbackOnlyResolver()));
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
