using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

public static class EnvironmentsApi
{
    public static IEndpointRouteBuilder MapEnvironmentsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/environments").WithTags("Environments").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", List).WithName("ListEnvironments").WithSummary("List environments in sort order.").ProducesValidationProblem();
        api.MapPost("/", Create).WithName("CreateEnvironment").WithSummary("Create an environment.").RequireAuthorization(Policies.GlobalAdmin)
            .Accepts<EnvironmentInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{name}", Get).WithName("GetEnvironment").WithSummary("Read an environment.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{name}", Update).WithName("UpdateEnvironment").WithSummary("Replace description and sort order (a name never changes).")
            .RequireAuthorization(Policies.GlobalAdmin)
            .Accepts<EnvironmentInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{name}", Delete).WithName("DeleteEnvironment").WithSummary("Delete an environment no override uses.")
            .RequireAuthorization(Policies.GlobalAdmin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<PagedResult<EnvironmentDto>>> List(EnvironmentService service, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(new PageRequest(page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Created<EnvironmentDto>> Create(EnvironmentService service, EnvironmentInput input, HttpContext http,
        CancellationToken ct)
    {
        var env = await service.CreateAsync(input, ct);
        http.SetETag(env.Version);
        return TypedResults.Created(Locations.Environment(env.Name), env);
    }

    private static async Task<Ok<EnvironmentDto>> Get(EnvironmentService service, string name, HttpContext http, CancellationToken ct)
    {
        var env = await service.GetAsync(name, ct);
        http.SetETag(env.Version);
        return TypedResults.Ok(env);
    }

    private static async Task<Ok<EnvironmentDto>> Update(EnvironmentService service, string name, EnvironmentInput input,
        HttpContext http, CancellationToken ct)
    {
        var env = await service.UpdateAsync(name, input, Preconditions.ExpectedVersion(http, input.Version), ct);
        http.SetETag(env.Version);
        return TypedResults.Ok(env);
    }

    private static async Task<NoContent> Delete(EnvironmentService service, string name, HttpContext http, CancellationToken ct)
    {
        await service.DeleteAsync(name, Preconditions.ExpectedVersion(http, null), ct);
        return TypedResults.NoContent();
    }
}
