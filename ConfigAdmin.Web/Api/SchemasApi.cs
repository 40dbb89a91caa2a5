using ConfigAdmin.Core.Schemas;
using ConfigAdmin.Web.Security;

namespace ConfigAdmin.Web.Api;

/// <summary>The JSON Schema of an application's configuration, for editors that complete and check appsettings files.</summary>
public static class SchemasApi
{
    public const string MediaType = "application/schema+json";

    public static IEndpointRouteBuilder MapSchemasApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/applications/{name}/schema", Get).WithTags("Schemas").WithName("GetApplicationSchema")
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("One JSON Schema (2020-12) of the application's configuration in the nested appsettings shape: 'A:B' is " +
                         "property B of object A, every key typed, json keys' schemas in place (their $defs under the root's $defs as " +
                         "'<key>__<name>').")
            .Produces<string>(StatusCodes.Status200OK, MediaType).ProducesProblem(StatusCodes.Status404NotFound);
        return routes;
    }

    private static async Task<IResult> Get(SchemaService service, string name, CancellationToken ct) =>
        TypedResults.Text(await service.ApplicationSchemaAsync(name, ct), MediaType, System.Text.Encoding.UTF8);
}
