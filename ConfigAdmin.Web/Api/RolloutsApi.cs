using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Web.Security;
using ConfigAdmin.Web.Startup;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>
/// Progressive rollouts (design §14): list and read them, pause, resume, promote now, abort, signal; and the health
/// reports client libraries send for their instance.
/// </summary>
public static class RolloutsApi
{
    public static IEndpointRouteBuilder MapRolloutsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/rollouts").WithTags("Rollouts").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", List).WithName("ListRollouts").WithSummary("Rollouts of the applications you may see, newest first (?status=active, ?application=name).")
            .ProducesValidationProblem();
        api.MapGet("/{id:long}", Get).WithName("GetRollout")
            .WithSummary("A rollout: status, stage and percent, base and target ETags, its change request, each instance's document and health, its events.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:long}/pause", Pause).WithName("PauseRollout").WithSummary("Pause: no stage advances (instances keep what they read).")
            .ProducesRolloutProblems();
        api.MapPost("/{id:long}/resume", Resume).WithName("ResumeRollout").WithSummary("Resume: the stage's bake goes on where it stopped.")
            .ProducesRolloutProblems();
        api.MapPost("/{id:long}/promote", Promote).WithName("PromoteRollout")
            .WithSummary("Promote now: 100 %; the change request is applied (revisions and the change record are written now).")
            .ProducesRolloutProblems();
        api.MapPost("/{id:long}/abort", Abort).WithName("AbortRollout").WithSummary("Abort = roll back: every instance reads the base again, at once.")
            .ProducesRolloutProblems();
        // Outside the viewer group: a monitor key (design §15), which has no admin surface, may signal too.
        routes.MapPost("/rollouts/{id:long}/signals", Signal).WithTags("Rollouts").WithName("SignalRollout")
            .RequireAuthorization(Policies.RolloutSignal)
            .WithSummary("A monitor or alert manager says the rollout hurts { reason }: it rolls back at once (editors, admins, monitor keys).")
            .Accepts<RolloutSignal>("application/json").ProducesRolloutProblems();
        routes.MapPost("/applications/{name}/clients/{instanceId}/health", Health).WithTags("Rollouts").WithName("ReportClientHealth")
            .RequireAuthorization(Policies.ClientRead)
            .WithSummary("An instance's health { status: ok|failing, reason, etag } (?environment=), sent by ConfigAdmin.Client as soon as it " +
                         "changes; while a rollout runs there, the gate weighs it and rolls back at once when too many that applied the target fail.")
            .Accepts<HealthReport>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static RouteHandlerBuilder ProducesRolloutProblems(this RouteHandlerBuilder builder) => builder.ProducesWriteProblems()
        .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Ok<PagedResult<RolloutDto>>> List(RolloutService rollouts, string? status, string? application, int? page, int? pageSize,
        CancellationToken ct) =>
        TypedResults.Ok(await rollouts.ListAsync(status, new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), application, ct));

    private static async Task<Ok<RolloutDto>> Get(RolloutService rollouts, long id, CancellationToken ct) => TypedResults.Ok(await rollouts.GetAsync(id, ct));

    private static async Task<Ok<RolloutDto>> Pause(RolloutService rollouts, long id, CancellationToken ct) => TypedResults.Ok(await rollouts.PauseAsync(id, ct));

    private static async Task<Ok<RolloutDto>> Resume(RolloutService rollouts, long id, CancellationToken ct) => TypedResults.Ok(await rollouts.ResumeAsync(id, ct));

    private static async Task<Ok<RolloutDto>> Promote(RolloutService rollouts, long id, CancellationToken ct) => TypedResults.Ok(await rollouts.PromoteAsync(id, ct));

    private static async Task<Ok<RolloutDto>> Abort(RolloutService rollouts, long id, CancellationToken ct) => TypedResults.Ok(await rollouts.AbortAsync(id, ct));

    private static async Task<Ok<RolloutDto>> Signal(RolloutService rollouts, long id, RolloutSignal signal, CancellationToken ct) =>
        TypedResults.Ok(await rollouts.SignalAsync(id, signal, ct));

    private static async Task<NoContent> Health(RolloutService rollouts, string name, string instanceId, string? environment, HealthReport report,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(environment))
            throw ValidatorExtensions.Invalid("environment", "The query parameter 'environment' is required, e.g. ?environment=production.");
        await rollouts.ReportHealthAsync(name, environment, instanceId, report, ct);
        return TypedResults.NoContent();
    }
}

/// <summary>The stage clock and the served-instance notes of every running rollout, on every node (only one node moves a stage).</summary>
public sealed class RolloutClock(IServiceScopeFactory scopes, TimeProvider time, Startup.StartupState startup, ILogger<RolloutClock> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        // The tables exist once the start-up work (migrations) is done: a tick before would fail and log it.
        await startup.Ready.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        while (!ct.IsCancellationRequested)
        {
            await TickAsync(ct);
            await Task.Delay(Interval, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(Core.Access.Caller.System);
            var rollouts = scope.ServiceProvider.GetRequiredService<RolloutService>();
            await rollouts.FlushServedAsync(ct);
            await rollouts.TickAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The rollout clock missed a tick; it tries again");
        }
    }
}
