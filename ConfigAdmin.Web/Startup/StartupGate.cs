using ConfigAdmin.Core.Common;
using ConfigAdmin.Web.Errors;

namespace ConfigAdmin.Web.Startup;

public static class StartupGate
{
    /// <summary>Until the start-up work is done, everything but <c>/health</c> is a 503 problem with Retry-After.</summary>
    public static WebApplication UseStartupGate(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<StartupState>();
        app.Use(async (http, next) =>
        {
            if (state.IsReady || http.Request.Path.StartsWithSegments("/health"))
            {
                await next(http);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "5";
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
            {
                HttpContext = http,
                ProblemDetails = Problems.Create(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "ConfigAdmin is starting up (migrating its database); retry shortly."),
            });
        });
        return app;
    }
}
