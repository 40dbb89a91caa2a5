using System.Diagnostics;

namespace ConfigAdmin.Web.Errors;

public static class ErrorsSetup
{
    /// <summary>Problem details for every error answer, with <c>traceId</c> and <c>code</c>; one exception handler.</summary>
    public static IServiceCollection AddConfigAdminErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Extensions["traceId"] = Activity.Current?.TraceId.ToString() ?? ctx.HttpContext.TraceIdentifier;
            ctx.ProblemDetails.Extensions.TryAdd("code", Problems.CodeOf(status));
            ctx.ProblemDetails.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Every request gets a W3C trace id, even with no tracing exporter listening: the audit records it.
        ActivitySource.AddActivityListener(new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        });
        return services;
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

    /// <summary>Every response names its trace id, which the audit entry of a write records.</summary>
    public static void AddCorrelationHeaders(HttpContext http)
    {
        var activity = Activity.Current;
        http.Response.Headers["X-Correlation-Id"] = activity?.TraceId.ToString() ?? http.TraceIdentifier;
        if (activity?.Id is { } id) http.Response.Headers["traceparent"] = id;
    }
}
