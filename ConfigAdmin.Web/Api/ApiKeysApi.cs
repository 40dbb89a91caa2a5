using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>API keys for machines: admins of every application create (the secret shown once), list and revoke them.</summary>
public static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(Policies.GlobalAdmin);
        api.MapGet("/", List).WithName("ListApiKeys").WithSummary("List API keys (never their secrets), newest first, with lastUsedAt.")
            .ProducesValidationProblem();
        api.MapPost("/", Create).WithName("CreateApiKey")
            .WithSummary("Create an API key: role viewer|editor|admin|client, applications [\"*\"] or names, environments (client keys) " +
                         "[\"*\"] or names, optional expiresAt. The answer's secret is shown once; only a hash is stored.")
            .Accepts<ApiKeyInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}", Get).WithName("GetApiKey").WithSummary("Read an API key (never its secret).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{id:guid}", Revoke).WithName("RevokeApiKey").WithSummary("Revoke an API key: refused from now on, on every node.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<Ok<PagedResult<ApiKeyDto>>> List(ApiKeyService service, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Created<ApiKeyDto>> Create(ApiKeyService service, ApiKeyInput input, HttpContext http, CancellationToken ct)
    {
        var key = await service.CreateAsync(input, ct);
        // The secret is in this body only: no cache may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created(Locations.ApiKey(key.Id), key);
    }

    private static async Task<Ok<ApiKeyDto>> Get(ApiKeyService service, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await service.GetAsync(id, ct));

    private static async Task<NoContent> Revoke(ApiKeyService service, Guid id, CancellationToken ct)
    {
        await service.RevokeAsync(id, ct);
        return TypedResults.NoContent();
    }
}
