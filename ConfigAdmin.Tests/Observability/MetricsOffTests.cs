using System.Diagnostics.Metrics;
using System.Net;
using ConfigAdmin.Core.Observability;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Observability;

/// <summary><c>Metrics:Enabled=false</c>, or the standard <c>OTEL_SDK_DISABLED=true</c>: no <c>/metrics</c>, no meter listened to.</summary>
[Trait("Category", "Database")]
public abstract class MetricsOffTests(Provider provider)
{
    [Theory]
    [InlineData("Metrics:Enabled", "false")]
    [InlineData("OTEL_SDK_DISABLED", "true")]
    public async Task SwitchedOff_ServesNoMetrics_AndNothingListensToTheMeters(string setting, string value)
    {
        var host = new SwitchedHost(provider, setting, value);
        await host.InitializeAsync();
        try
        {
            var app = A.Name();
            (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
            (await host.Client.PostJsonAsync("/v1/configs", A.Config(app))).EnsureSuccessStatusCode();
            for (var i = 0; i < 2; i++)
                Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync($"/v1/applications/{app}/config?environment=production")).StatusCode);

            var scrape = await host.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.NotFound, scrape.StatusCode);
            Assert.DoesNotContain("configadmin_", await scrape.Content.ReadAsStringAsync());
            Assert.Null(host.Factory.Services.GetService<OpenTelemetry.Metrics.MeterProvider>());
            // This host's own meters (its IMeterFactory's: ConfigAdmin's and ASP.NET Core's) have no listener at all, so
            // recording into them costs a field read.
            var factory = host.Factory.Services.GetRequiredService<IMeterFactory>();
            Assert.NotNull(host.Factory.Services.GetRequiredService<ConfigAdminMetrics>());
            var ours = new List<Instrument>();
            using (var listener = new MeterListener { InstrumentPublished = (instrument, _) => { if (instrument.Meter.Scope == factory) ours.Add(instrument); } })
                listener.Start();
            Assert.Contains(ours, i => i.Name == "configadmin.client.reads");
            Assert.All(ours, i => Assert.False(i.Enabled, $"{i.Meter.Name} {i.Name} is listened to"));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private sealed class SwitchedHost(Provider provider, string setting, string value) : ApiHost(provider)
    {
        protected override void Configure(IWebHostBuilder builder) => builder.UseSetting(setting, value);
    }
}

public sealed class MetricsOffTestsOnSqlite() : MetricsOffTests(Provider.Sqlite);

public sealed class MetricsOffTestsOnPostgres() : MetricsOffTests(Provider.Postgres);
