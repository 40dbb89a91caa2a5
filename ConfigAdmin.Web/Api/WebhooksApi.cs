using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>Webhooks (design §15, admins of every application): register, list, read, replace, delete, test, the delivery log, send again.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.GlobalAdmin);
        api.MapGet("/", List).WithName("ListWebhooks").WithSummary("List webhooks (never their secrets).").ProducesValidationProblem();
        api.MapPost("/", Create).WithName("CreateWebhook")
            .WithSummary("Register a webhook { url, events, applications, secret?, description? }: events are names (config.changed, " +
                         "change_request.filed, secret.revealed, ...), families (change_request.*, rollout.*) or [\"*\"]; applications [\"*\"] " +
                         "or names. The answer's secret (whsec_…, generated unless given) is shown once. A URL on a loopback, link-local or " +
                         "private address is 400 webhook_target_forbidden unless Webhooks:AllowPrivateTargets is set.")
            .Accepts<WebhookInput>("application/json").ProducesWriteProblems();
        api.MapGet("/{id:guid}", Get).WithName("GetWebhook").WithSummary("Read a webhook (never its secret).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{id:guid}", Update).WithName("UpdateWebhook")
            .WithSummary("Replace url, events, applications and description; a secret replaces the secret, none keeps it. If-Match optional.")
            .Accepts<WebhookInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook").WithSummary("Delete a webhook with its pending deliveries and delivery log.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem();
        api.MapPost("/{id:guid}/test", Test).WithName("TestWebhook")
            .WithSummary("Queue a com.configadmin.webhook.test event for this webhook, whatever its event filter (202; the delivery log shows how it went).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The delivery log, newest first: one row per attempt { deliveryId, eventId, event, attempt, at, status, durationMs, " +
                         "response (first KiB), error, state, nextAttemptAt }.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/deliveries/{deliveryId:long}/resend", Resend).WithName("ResendWebhookDelivery")
            .WithSummary("Send a delivery again: a pending one now, a delivered or failed one queued anew with the same webhook-id (202).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<PagedResult<WebhookDto>>> List(WebhookService service, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Created<WebhookDto>> Create(WebhookService service, WebhookInput input, HttpContext http, CancellationToken ct)
    {
        var webhook = await service.CreateAsync(input, ct);
        // The secret is in this body only: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        http.SetETag(webhook.Version);
        return TypedResults.Created(Locations.Webhook(webhook.Id), webhook);
    }

    private static async Task<Ok<WebhookDto>> Get(WebhookService service, Guid id, HttpContext http, CancellationToken ct)
    {
        var webhook = await service.GetAsync(id, ct);
        http.SetETag(webhook.Version);
        return TypedResults.Ok(webhook);
    }

    private static async Task<Ok<WebhookDto>> Update(WebhookService service, Guid id, WebhookInput input, HttpContext http, CancellationToken ct)
    {
        var webhook = await service.UpdateAsync(id, input, Preconditions.ExpectedVersion(http, input.Version), ct);
        http.SetETag(webhook.Version);
        return TypedResults.Ok(webhook);
    }

    private static async Task<NoContent> Delete(WebhookService service, Guid id, HttpContext http, CancellationToken ct)
    {
        await service.DeleteAsync(id, Preconditions.ExpectedVersion(http, null), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Accepted<DeliveryDto>> Test(WebhookService service, Guid id, CancellationToken ct) =>
        TypedResults.Accepted($"{Locations.Webhook(id)}/deliveries", await service.TestAsync(id, ct));

    private static async Task<Ok<PagedResult<DeliveryAttemptDto>>> Deliveries(WebhookService service, Guid id, int? page, int? pageSize,
        CancellationToken ct) =>
        TypedResults.Ok(await service.DeliveriesAsync(id, new DeliveryLogQuery(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Accepted<DeliveryDto>> Resend(WebhookService service, Guid id, long deliveryId, CancellationToken ct) =>
        TypedResults.Accepted($"{Locations.Webhook(id)}/deliveries", await service.ResendAsync(id, deliveryId, ct));
}
