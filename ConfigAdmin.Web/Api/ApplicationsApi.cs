using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/applications").WithTags("Applications").RequireAuthorization(Policies.Viewer);
        api.MapGet("/", List).WithName("ListApplications").WithSummary("List applications; search in name, owner and description.")
            .ProducesValidationProblem();
        api.MapPost("/", Create).WithName("CreateApplication").WithSummary("Create an application (admin of every application).")
            .RequireAuthorization(Policies.GlobalAdmin)
            .Accepts<ApplicationInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/{name}", Get).WithName("GetApplication").WithSummary("Read an application (name ignores case).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPut("/{name}", Update).WithName("UpdateApplication").WithSummary("Replace an application's fields; renaming keeps its keys and history.")
            .Accepts<ApplicationInput>("application/json").ProducesWriteProblems().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        api.MapDelete("/{name}", Delete).WithName("DeleteApplication").WithSummary("Delete an application and its keys; its audit history stays.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<PagedResult<ApplicationDto>>> List(ApplicationService service, string? search, string? sort,
        int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.ListAsync(new(search, sort, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));

    private static async Task<Created<ApplicationDto>> Create(ApplicationService service, ApplicationInput input, HttpContext http,
        CancellationToken ct)
    {
        var app = await service.CreateAsync(input, ct);
        http.SetETag(app.Version);
        return TypedResults.Created(Locations.Application(app.Name), app);
    }

    private static async Task<Ok<ApplicationDto>> Get(ApplicationService service, string name, HttpContext http, CancellationToken ct)
    {
        var app = await service.GetAsync(name, ct);
        http.SetETag(app.Version);
        return TypedResults.Ok(app);
    }

    private static async Task<Ok<ApplicationDto>> Update(ApplicationService service, string name, ApplicationInput input,
        HttpContext http, CancellationToken ct)
    {
        var app = await service.UpdateAsync(name, input, Preconditions.ExpectedVersion(http, input.Version), ct);
        http.SetETag(app.Version);
        return TypedResults.Ok(app);
    }

    private static async Task<NoContent> Delete(ApplicationService service, string name, HttpContext http, CancellationToken ct)
    {
        await service.DeleteAsync(name, Preconditions.ExpectedVersion(http, null), ct);
        return TypedResults.NoContent();
    }
}
