using System.Text.Json;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Flags;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConfigAdmin.Web.Api;

/// <summary>Feature flags per application and environment, in the Microsoft Feature Management schema (design §13).</summary>
public static class FeatureFlagsApi
{
    public static IEndpointRouteBuilder MapFeatureFlagsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/applications/{name}/feature-flags").WithTags("Feature flags");
        api.MapGet("/", List).WithName("ListFeatureFlags").RequireAuthorization(Policies.Viewer)
            .WithSummary("With ?environment=: { environment, items: [flag] }, the flags clients of that environment read. Without: " +
                         "{ items: [{ id, keyId, version, environments: { <env>: flag } }] }.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}", Get).WithName("GetFeatureFlag").RequireAuthorization(Policies.Viewer)
            .WithSummary("One flag's definition in one environment (?environment=), with the flag's ETag; 404 where it is not defined.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{id}", Put).WithName("PutFeatureFlag").RequireAuthorization(Policies.EditApplication)
            .WithSummary("Define (201) or replace (200) the flag in one environment (?environment=). The body is one flag of the " +
                         "Microsoft Feature Management schema; its id, if given, is the route's. A fault is a 400 invalid_flag with " +
                         "violations [{ key, environment, pointer, message }]; a protected environment answers 409 approval_required. If-Match as for keys.")
            .Accepts<JsonElement>("application/json").ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{id}", Delete).WithName("DeleteFeatureFlag").RequireAuthorization(Policies.EditApplication)
            .WithSummary("Remove the flag's definition in one environment (?environment=; the flag goes with its last one), or the whole flag without it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return routes;
    }

    private static async Task<Results<Ok<FlagList>, Ok<FlagOverview>>> List(FlagService service, string name, string? environment, CancellationToken ct) =>
        string.IsNullOrEmpty(environment)
            ? TypedResults.Ok(await service.OverviewAsync(name, ct))
            : TypedResults.Ok(await service.ListAsync(name, environment, ct));

    private static async Task<Ok<JsonElement>> Get(FlagService service, string name, string id, string? environment, HttpContext http,
        CancellationToken ct)
    {
        var flag = await service.GetAsync(name, id, Required(environment), ct);
        http.SetETag(flag.Version);
        return TypedResults.Ok(flag.Flag);
    }

    private static async Task<Results<Ok<JsonElement>, Created<JsonElement>>> Put(FlagService service, string name, string id, string? environment,
        [FromBody] JsonElement flag, HttpContext http, CancellationToken ct)
    {
        var (stored, created) = await service.PutAsync(name, id, Required(environment), flag, Preconditions.ExpectedVersion(http, null), ct);
        http.SetETag(stored.Version);
        return created
            ? TypedResults.Created($"{Locations.Application(name)}/feature-flags/{Uri.EscapeDataString(stored.Id)}?environment={stored.Environment}", stored.Flag)
            : TypedResults.Ok(stored.Flag);
    }

    private static async Task<NoContent> Delete(FlagService service, string name, string id, string? environment, HttpContext http, CancellationToken ct)
    {
        await service.DeleteAsync(name, id, environment, Preconditions.ExpectedVersion(http, null), ct);
        return TypedResults.NoContent();
    }

    private static string Required(string? environment) =>
        string.IsNullOrEmpty(environment)
            ? throw ValidatorExtensions.Invalid("environment", "Say which environment, e.g. ?environment=production: a flag is defined per environment.")
            : environment;
}
