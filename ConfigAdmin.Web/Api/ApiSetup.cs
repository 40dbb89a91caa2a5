using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using ConfigAdmin.Web.Errors;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;

namespace ConfigAdmin.Web.Api;

/// <summary>The <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Origins allowed to read <c>/v1</c> from a browser; empty allows none.</summary>
    public string[] CorsOrigins { get; set; } = [];

    /// <summary>Largest accepted request body; larger is a 413.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Client reads per second per caller address; 0 turns the limit off.</summary>
    public int ClientReadsPerSecond { get; set; }

    /// <summary>The longest a long poll waits (<c>Prefer: wait=n</c> is capped here, and at 120).</summary>
    public int MaxWaitSeconds { get; set; } = 60;

    /// <summary>
    /// Long polls and event streams one node holds at once. Beyond it a long poll is answered at once (without
    /// <c>Preference-Applied</c>), so connections stay for writes, plain reads and the admin UI (Kestrel allows more).
    /// </summary>
    public int MaxWaiters { get; set; } = 20_000;

    /// <summary>Long polls and streams one API key (or signed-in person) holds on one node; beyond it: 429 with Retry-After.</summary>
    public int MaxWaitersPerKey { get; set; } = 2_000;

    /// <summary>Long polls and streams one client address holds on one node; beyond it: 429 with Retry-After.</summary>
    public int MaxWaitersPerAddress { get; set; } = 2_000;

    /// <summary>An event stream ends after this long; the client reconnects with Last-Event-ID.</summary>
    public int StreamMaxLifeSeconds { get; set; } = 3_600;

    /// <summary>Client instances remembered per application and environment (the oldest sightings go first).</summary>
    public int MaxClientInstances { get; set; } = 1_000;

    /// <summary>Seconds between the event stream's keep-alive comments.</summary>
    public int StreamHeartbeatSeconds { get; set; } = 15;
}

public static class ApiSetup
{

    public static IServiceCollection AddConfigAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxBodyBytes > 0 && o.ClientReadsPerSecond >= 0, "Api:MaxBodyBytes must be > 0 and Api:ClientReadsPerSecond >= 0.")
            .Validate(o => o.MaxWaitSeconds is >= 1 and <= 120, "Api:MaxWaitSeconds must be 1-120.")
            .Validate(o => o.MaxWaiters >= 0 && o.StreamHeartbeatSeconds is >= 1 and <= 300, "Api:MaxWaiters must be >= 0 and Api:StreamHeartbeatSeconds 1-300.")
            .Validate(o => o.MaxWaitersPerKey >= 0 && o.MaxWaitersPerAddress >= 0, "Api:MaxWaitersPerKey and Api:MaxWaitersPerAddress must be >= 0.")
            .Validate(o => o.StreamMaxLifeSeconds >= 10, "Api:StreamMaxLifeSeconds must be at least 10.")
            .Validate(o => o.MaxClientInstances >= 1, "Api:MaxClientInstances must be at least 1.")
            .ValidateOnStart();
        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiDocumentInfo>().AddSchemaTransformer<RawJsonSchemas>());
        services.AddSingleton<LiveWaiters>();
        services.AddSingleton<LongPolls>();
        services.AddOptions<Core.Clients.ClientRegistryOptions>().Configure<Microsoft.Extensions.Options.IOptions<ApiOptions>>(
            (registry, api) => registry.MaxInstancesPerEnvironment = api.Value.MaxClientInstances);
        services.AddHostedService<ClientSightingsFlusher>();
        services.AddHostedService<RolloutClock>();
        // The default policy, applied before routing so a preflight is answered before authorization.
        services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(options.CorsOrigins).WithMethods("GET")
            .WithHeaders("If-None-Match", "Authorization", "Prefer").WithExposedHeaders("ETag", "Warning", "X-Correlation-Id", "Preference-Applied")));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                var http = ctx.HttpContext;
                http.Response.Headers.RetryAfter = ClientReadRoute.IsClientRead(http.Request) ? "1" : "60";
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = http,
                    ProblemDetails = Problems.Create(429, Core.Common.ErrorCodes.RateLimited,
                        ClientReadRoute.IsClientRead(http.Request) ? "Too many client reads; retry in a second." : "Too many attempts; wait a minute."),
                });
            };
            // Global, because it must count every client read (the fast path is off while this limit is on).
            if (options.ClientReadsPerSecond > 0)
                o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => ClientReadRoute.IsClientRead(http.Request)
                    ? RateLimitPartition.GetTokenBucketLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new()
                    {
                        TokenLimit = options.ClientReadsPerSecond,
                        TokensPerPeriod = options.ClientReadsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    /// <summary>camelCase, enums as camelCase strings, no duplicate properties, numbers only as numbers.</summary>
    public static void Configure(JsonSerializerOptions o)
    {
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.AllowDuplicateProperties = false;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    /// <summary>Before routing: CORS, so a browser's preflight is answered before any authorization.</summary>
    public static WebApplication UseConfigAdminApiEdge(this WebApplication app)
    {
        app.UseCors();
        return app;
    }

    /// <summary>After routing, for every other <c>/v1</c> route: body limit and audit actor.</summary>
    public static WebApplication UseConfigAdminApi(this WebApplication app)
    {
        app.UseMiddleware<ApiRequestMiddleware>();
        return app;
    }

    public static WebApplication MapConfigAdminApi(this WebApplication app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapApplicationsApi();
        v1.MapClientConfigApi();
        v1.MapLiveConfigApi();
        v1.MapClientsApi();
        v1.MapHistoryApi();
        v1.MapPromotionApi();
        v1.MapTransferApi();
        v1.MapSchemasApi();
        v1.MapEnvironmentsApi();
        v1.MapConfigsApi();
        v1.MapAuditApi();
        v1.MapApiKeysApi();
        v1.MapSearchApi();
        v1.MapChangeRequestsApi();
        v1.MapRolloutsApi();
        v1.MapWebhooksApi();
        v1.MapFeatureFlagsApi();
        app.MapOpenApi().RequireAuthorization(Policies.Viewer);
        app.MapScalarApiReference("/scalar", o => o.WithTitle("ConfigAdmin API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .RequireAuthorization(Policies.Viewer);
        return app;
    }
}
