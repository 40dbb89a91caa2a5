using System.Diagnostics;

namespace ConfigAdmin.Web.Errors;

public static class ErrorsSetup
{
    public const string UnsupportedMediaTypeDetail = "The request body must be JSON: send it with Content-Type: application/json.";

    /// <summary>Problem details for every error answer, with <c>traceId</c> and <c>code</c>; one exception handler.</summary>
    public static IServiceCollection AddConfigAdminErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Extensions["traceId"] = CorrelationIdOf(ctx.HttpContext);
            ctx.ProblemDetails.Extensions.TryAdd("code", Problems.CodeOf(status));
            // Routing's own 415 (a JSON endpoint, another Content-Type) comes without a word on what to send.
            if (status == StatusCodes.Status415UnsupportedMediaType) ctx.ProblemDetails.Detail ??= UnsupportedMediaTypeDetail;
            ctx.ProblemDetails.Extensions.Remove("exception");
        });
        services.AddSingleton<IProblemDetailsWriter, LastResortProblemWriter>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Every request past the client-read fast path gets a W3C activity (continuing an incoming traceparent)
    /// when no tracing listener made one: its trace id is the correlation id that problems and audit entries
    /// carry. Done here rather than by a global listener, which would cost the hot path (ADR 0005).
    /// </summary>
    public static WebApplication UseRequestActivity(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (Activity.Current is not null)
            {
                await next(http);
                return;
            }
            using var activity = new Activity("ConfigAdmin.HttpRequest");
            activity.SetIdFormat(ActivityIdFormat.W3C);
            if (http.Request.Headers.TraceParent.ToString() is { Length: > 0 } parent) activity.SetParentId(parent);
            activity.Start();
            await next(http);
        });
        return app;
    }

    public static WebApplication UseConfigAdminErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.Use((http, next) =>
        {
            AddCorrelationHeaders(http);
            return next(http);
        });
        return app;
    }

    /// <summary>Every response names its correlation id, which the audit entry of a write records; and its trace.</summary>
    public static void AddCorrelationHeaders(HttpContext http)
    {
        http.Response.Headers["X-Correlation-Id"] = CorrelationIdOf(http);
        if (Activity.Current?.Id is { } id) http.Response.Headers["traceparent"] = id;
    }

    private static readonly object CorrelationItem = new();

    /// <summary>
    /// The server's own id for the request: the trace id it started, or, when the caller sent a <c>traceparent</c> (which
    /// may start a trace but must not choose what audit entries are filed under), a fresh random one.
    /// </summary>
    public static string CorrelationIdOf(HttpContext http)
    {
        if (http.Request.Headers.TraceParent.Count == 0) return (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToHexString();
        if (http.Items.TryGetValue(CorrelationItem, out var kept) && kept is string id) return id;
        id = ActivityTraceId.CreateRandom().ToHexString();
        http.Items[CorrelationItem] = id;
        return id;
    }
}
