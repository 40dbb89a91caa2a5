using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ConfigAdmin.Web.Api;

public static class OpenApiExtensions
{
    /// <summary>The problems every write with a JSON body can answer with.</summary>
    public static RouteHandlerBuilder ProducesWriteProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>Title and description of the OpenAPI document.</summary>
public sealed class OpenApiDocumentInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "ConfigAdmin API";
        document.Info.Description = "Typed configuration per application and environment. Errors are RFC 9457 problems with a `code`.";
        return Task.CompletedTask;
    }
}

/// <summary>A json key's schema is a string in the domain and a JSON object on the wire (RawJsonConverter): say so.</summary>
public sealed class RawJsonSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.CustomConverter is Core.Schemas.RawJsonConverter)
        {
            schema.Type = JsonSchemaType.Object | JsonSchemaType.Null;
            schema.Description = "A JSON Schema (2020-12) as a JSON object; only json keys take one.";
        }
        return Task.CompletedTask;
    }
}
