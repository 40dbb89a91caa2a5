using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Search;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>Keys across every application the caller may read: by key name, description, or the value of a non-secret key.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/search", Search).WithTags("Search").WithName("SearchKeys").RequireAuthorization(Policies.Viewer)
            .WithSummary("Keys whose name, description or value contains q (ignoring case), by application then key. Values of secret " +
                         "keys are never matched nor shown; each hit says where it matched (key, description, default, or an environment).")
            .ProducesValidationProblem();
        return routes;
    }

    private static async Task<Ok<PagedResult<SearchHit>>> Search(SearchService service, string? q, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await service.SearchAsync(new SearchQuery(q, page ?? 1, pageSize ?? PageRequest.DefaultPageSize), ct));
}
