using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using ConfigAdmin.Web.Errors;
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
}

public static class ApiSetup
{

    public static IServiceCollection AddConfigAdminApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section)
            .Validate(o => o.MaxBodyBytes > 0 && o.ClientReadsPerSecond >= 0, "Api:MaxBodyBytes must be > 0 and Api:ClientReadsPerSecond >= 0.")
            .ValidateOnStart();
        services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiDocumentInfo>());
        // The default policy, applied before routing so it also covers the short-circuited client read.
        services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(options.CorsOrigins).WithMethods("GET")
            .WithHeaders("If-None-Match").WithExposedHeaders("ETag", "Warning", "X-Correlation-Id")));
        if (options.ClientReadsPerSecond > 0) services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
                await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = ctx.HttpContext,
                    ProblemDetails = Problems.Create(429, Core.Common.ErrorCodes.RateLimited, "Too many client reads; retry in a second."),
                });
            };
            // Global (before routing) because the client read is short-circuited; it limits client reads only.
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

    /// <summary>What must run before routing: CORS and the client-read rate limit (when configured).</summary>
    public static WebApplication UseConfigAdminApiEdge(this WebApplication app)
    {
        app.UseCors();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.ClientReadsPerSecond > 0)
            app.UseRateLimiter();
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
        v1.MapEnvironmentsApi();
        v1.MapConfigsApi();
        v1.MapAuditApi();
        app.MapOpenApi();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("ConfigAdmin API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
