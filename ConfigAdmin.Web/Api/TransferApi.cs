using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Transfer;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConfigAdmin.Web.Api;

/// <summary>Export an environment (or the whole application) as a file, and import one back.</summary>
public static class TransferApi
{
    public static IEndpointRouteBuilder MapTransferApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/applications/{name}/export", Export).WithTags("Import and export").WithName("ExportConfiguration")
            .RequireAuthorization(Policies.Viewer)
            .WithSummary("Export: format=json (nested appsettings.json)|flat|env|yaml|properties (an environment's resolved values, " +
                         "environment required) or configadmin (the whole application, round-trippable). Secret values only with " +
                         "includeSecrets=true (editor; audited as revealed, one entry per secret key).")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "application/yaml", "text/plain", "text/x-java-properties")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        routes.MapPost("/applications/{name}/import", Import).WithTags("Import and export").WithName("ImportConfiguration")
            .RequireAuthorization(Policies.EditApplication)
            .WithSummary("Import the raw request body (any content type; format decides) as defaults, or as one environment's " +
                         "overrides; mode=merge|replace; dryRun=true answers { added, changed, unchanged, removed, protectedEnvironments } and " +
                         "stores nothing; changeRequest=<title> files it as a change request (201).")
            // Any media type: routing refuses with 415 a request whose Content-Type the endpoint does not list, and
            // curl --data-binary @file sends application/x-www-form-urlencoded.
            .Accepts<string>("*/*")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return routes;
    }

    private static async Task<IResult> Export(TransferService service, HttpContext http, string name, string? environment, string? format,
        bool? includeSecrets, CancellationToken ct)
    {
        var file = await service.ExportAsync(name, environment, format, includeSecrets == true, ct);
        if (includeSecrets == true) http.Response.Headers.CacheControl = ClientConfigApi.CacheControl(clearSecrets: true);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(file.Content), file.MediaType + "; charset=utf-8", file.FileName);
    }

    private static async Task<Results<Ok<ChangeSetDiff>, Created<Core.Reviews.ChangeRequestDto>>> Import(TransferService service,
        HttpRequest request, string name, string? format, string? environment, string? mode, bool? dryRun, string? changeRequest,
        CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var diff = await service.ImportAsync(name, new ImportRequest(format, environment, mode, dryRun == true, ChangeRequest: changeRequest),
            body.ToArray(), ct);
        return ChangeRequestsApi.Answer(request.HttpContext, diff);
    }
}
