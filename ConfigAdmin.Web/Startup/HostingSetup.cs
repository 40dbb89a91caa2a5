using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Events;

namespace ConfigAdmin.Web.Startup;

public static class HostingSetup
{
    /// <summary>Start-up work in the background, its readiness check, and the health log.</summary>
    public static IServiceCollection AddConfigAdminStartup(this IServiceCollection services)
    {
        services.AddSingleton<StartupState>();
        services.AddSingleton<HealthLog>();
        services.AddHostedService<DatabaseStartup>();
        services.AddHealthChecks().AddCheck<StartupHealthCheck>("startup", HealthStatus.Unhealthy, ["ready"]);
        return services;
    }

    /// <summary>One line per request; client reads, the hot path, only at Debug so they cost nothing by default.</summary>
    public static WebApplication UseConfigAdminRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // This host's logger, not the static Log.Logger that every host built in the process replaces.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = GetLevel;
        });
        return app;
    }

    private static LogEventLevel GetLevel(HttpContext http, double elapsedMs, Exception? ex) =>
        ex is not null || http.Response.StatusCode is >= 500 and not 503 ? LogEventLevel.Error
            : http.Response.StatusCode == 503 ? LogEventLevel.Warning
            : http.Request.Path.StartsWithSegments("/v1") && HttpMethods.IsGet(http.Request.Method) && http.Response.StatusCode < 400
                ? LogEventLevel.Debug
            : http.Request.Path.StartsWithSegments("/_blazor") || http.Request.Path.StartsWithSegments("/_framework")
                ? LogEventLevel.Debug
            : LogEventLevel.Information;

    /// <summary><c>/health</c>: the process serves. <c>/health/ready</c>: database reachable and schema current.</summary>
    public static WebApplication MapConfigAdminHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson })
            .WithName("Liveness").WithTags("Health").AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResponseWriter = WriteJson,
        }).WithName("Readiness").WithTags("Health").AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Each check's name and status, for anyone: no error text, no host names. Why a check fails goes to the log,
    /// once per change of its status (a probe polls every few seconds).
    /// </summary>
    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.RequestServices.GetRequiredService<HealthLog>().Record(report);
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            totalDurationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, JsonSerializerOptions.Web);
    }
}
