using ConfigAdmin.Core.Observability;
using ConfigAdmin.Web.Security;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ConfigAdmin.Web.Observability;

/// <summary>
/// OpenTelemetry (design §15, ADR 0020): ConfigAdmin's meter, ASP.NET Core's, the runtime's and EF Core's, scraped at
/// <c>GET /metrics</c> in the Prometheus text format by admins and monitor keys; traces over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> settings name an endpoint, nothing otherwise. With both off nothing is registered at all:
/// no meter is listened to and no activity listener exists, so the client read pays for neither.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>The name OpenTelemetry's <see cref="IMetricsListener"/> goes by, which metrics rules name.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    public static IServiceCollection AddConfigAdminObservability(this IServiceCollection services, IConfiguration configuration,
        string version)
    {
        var on = TelemetryExports.From(configuration);
        services.AddSingleton(on);
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .Validate(o => o.SnapshotSeconds > 0, "Metrics:SnapshotSeconds must be > 0.")
            .Validate(o => o.InstanceWindowMinutes > 0, "Metrics:InstanceWindowMinutes must be > 0.")
            .ValidateOnStart();
        if (!on.Metrics && !on.Traces) return services;

        var otel = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("configadmin", serviceVersion: version));
        if (on.Metrics)
        {
            // This host's own meters (ConfigAdmin's and ASP.NET Core's, made by its IMeterFactory) are enabled for
            // OpenTelemetry with the local scope, not by AddMeter: AddMeter listens by name across the process, so another
            // host in it (a test's, a second app) would be counted here, and its shutdown would end this host's series.
            services.AddMetrics(b => b
                .EnableMetrics(ConfigAdminMetrics.MeterName, listenerName: OpenTelemetryListener, scopes: MeterScope.Local)
                .EnableMetrics("Microsoft.AspNetCore", listenerName: OpenTelemetryListener, scopes: MeterScope.Local)
                // Kestrel's memory pool counts every buffer it rents, several per request, the cached read's too: a cost
                // on the hot path for the pool's own diagnostics, which an operator does not watch.
                .DisableMetrics("Microsoft.AspNetCore.MemoryPool", listenerName: OpenTelemetryListener, scopes: MeterScope.Local));
            otel.WithMetrics(m => m
                // Two measurements with tags on every request, the cached read's too, for what Kestrel's connection count
                // and configadmin.waiters already tell; not listened to, ASP.NET Core skips it.
                .AddView("http.server.active_requests", MetricStreamConfiguration.Drop)
                // The runtime's and EF Core's meters are the process's own (static), never disposed: by name is right.
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.EntityFrameworkCore")
                // Prometheus scrapes every few seconds at most: a cached answer would only hide the newest counts.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
            services.AddHostedService<GaugeRefresher>();
        }
        if (on.Traces)
        {
            // The OTLP exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL (grpc or http/protobuf), _HEADERS and the
            // batch settings (OTEL_BSP_*) from configuration, environment variables included.
            otel.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments(MetricsPath) && !http.Request.Path.StartsWithSegments("/health"))
                .AddSource("Npgsql")
                .AddOtlpExporter());
        }
        return services;
    }

    /// <summary><c>GET /metrics</c>, for admins and monitor keys, where metrics are on.</summary>
    public static WebApplication MapConfigAdminMetrics(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<TelemetryExports>().Metrics) return app;
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Policies.Metrics).WithName("Metrics");
        return app;
    }
}
