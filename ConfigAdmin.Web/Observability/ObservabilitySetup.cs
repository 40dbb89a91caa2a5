using ConfigAdmin.Core.Observability;
using ConfigAdmin.Web.Security;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ConfigAdmin.Web.Observability;

/// <summary>
/// OpenTelemetry (design §15, ADR 0018): ConfigAdmin's meter, ASP.NET Core's, the runtime's and EF Core's, scraped at
/// <c>GET /metrics</c> in the Prometheus text format by admins and monitor keys; traces over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_*</c> settings name an endpoint, nothing otherwise. With both off nothing is registered at all:
/// no meter is listened to and no activity listener exists, so the client read pays for neither.
/// </summary>
public static class ObservabilitySetup
{
    public const string MetricsPath = "/metrics";

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
            otel.WithMetrics(m => m
                .AddMeter(ConfigAdminMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
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
