using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

public static class ConfigsApi
{
    public static IEndpointRouteBuilder MapConfigsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/configs").WithTags("Configs").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", List).WithName("ListConfigs")
            .WithSummary("List keys with their overrides; secret values show as ***. With application and at=<time>: the keys as they were then.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/", Create).WithName("CreateConfig").WithSummary("Create a key, optionally with overrides.")
            .Accepts<ConfigCreateInput>("application/json").ProducesWriteProblems()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{id:guid}", Get).WithName("GetConfig")
            .WithSummary("Read a key with its overrides; secret values show as *** (POST …/reveal reads them in clear).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id:guid}/reveal", Reveal).WithName("RevealConfig")
            .WithSummary("Read a key with its secret values in clear (editor; audited as revealed). A POST, so no link, image or " +
                         "prefetch can do it, and never cached.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{id:guid}", Update).WithName("UpdateConfig").WithSummary("Replace a key's own fields; overrides stay. A type change re-checks them.")
            .Accepts<ConfigUpdateInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{id:guid}", Delete).WithName("DeleteConfig").WithSummary("Delete a key and its overrides.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem();
        api.MapPut("/{id:guid}/overrides/{environment}", SetOverride).WithName("SetOverride")
            .WithSummary("Set one environment's value; takes and gives the key's ETag.")
            .Accepts<OverrideInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{id:guid}/overrides/{environment}", RemoveOverride).WithName("RemoveOverride")
            .WithSummary("Remove one environment's value so it inherits the default.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<PagedResult<ConfigDto>>> List(ConfigService service, Core.Changes.HistoryService history,
        string? application, string? environment, string? search, int? page, int? pageSize, string? at, CancellationToken ct)
    {
        var query = new ConfigQuery(application, environment, search, page ?? 1, pageSize ?? PageRequest.DefaultPageSize);
        return TypedResults.Ok(at is null ? await service.ListAsync(query, ct) : await history.KeysAtAsync(query, at, ct));
    }

    private static async Task<Created<ConfigDto>> Create(ConfigService service, ConfigCreateInput input, HttpContext http, CancellationToken ct)
    {
        var config = await service.CreateAsync(input, ct);
        http.SetETag(config.Version);
        return TypedResults.Created(Locations.Config(config.Id), config);
    }

    private static async Task<Ok<ConfigDto>> Get(ConfigService service, Guid id, bool? reveal, HttpContext http, CancellationToken ct)
    {
        // Reading secrets changes the audit log: a GET must not do it (a link or an image could), and must not quietly mask either.
        if (reveal == true)
            throw ValidatorExtensions.Invalid("reveal", $"Secret values are read in clear with POST /v1/configs/{id}/reveal (editor; audited).");
        return Respond(http, await service.GetAsync(id, ct));
    }

    private static async Task<Ok<ConfigDto>> Reveal(ConfigService service, Guid id, HttpContext http, CancellationToken ct)
    {
        var revealed = await service.RevealAsync(id, ct);
        http.Response.Headers.CacheControl = ClientConfigApi.CacheControl(clearSecrets: true);
        return Respond(http, revealed);
    }

    private static async Task<Ok<ConfigDto>> Update(ConfigService service, Guid id, ConfigUpdateInput input, HttpContext http,
        CancellationToken ct) =>
        Respond(http, await service.UpdateAsync(id, input, Preconditions.ExpectedVersion(http, input.Version), ct));

    private static async Task<NoContent> Delete(ConfigService service, Guid id, HttpContext http, CancellationToken ct)
    {
        await service.DeleteAsync(id, Preconditions.ExpectedVersion(http, null), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ConfigDto>> SetOverride(ConfigService service, Guid id, string environment, OverrideInput input,
        HttpContext http, CancellationToken ct) =>
        Respond(http, await service.SetOverrideAsync(id, environment, input.Value, Preconditions.ExpectedVersion(http, input.Version), ct));

    private static async Task<Ok<ConfigDto>> RemoveOverride(ConfigService service, Guid id, string environment, HttpContext http,
        CancellationToken ct) =>
        Respond(http, await service.RemoveOverrideAsync(id, environment, Preconditions.ExpectedVersion(http, null), ct));

    private static Ok<ConfigDto> Respond(HttpContext http, ConfigDto config)
    {
        http.SetETag(config.Version);
        return TypedResults.Ok(config);
    }
}
