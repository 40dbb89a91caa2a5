using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Api;

[Trait("Category", "Database")]
public sealed class OpenApiTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    [Fact]
    public async Task Document_ListsEveryV1RouteWithItsProblemResponses()
    {
        var document = await (await host.Client.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = document.GetProperty("paths");
        var routes = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Path: OpenApiPath(e.RoutePattern.RawText!), Method: m.ToLowerInvariant())))
            .ToList();

        Assert.True(routes.Count >= 19, $"only {routes.Count} /v1 routes found");
        foreach (var (path, method) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method.ToUpperInvariant()} {path} is missing");
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var problems = responses.Where(r => r.Name.StartsWith('4') || r.Name.StartsWith('5')).ToList();
            Assert.True(problems.Count > 0, $"{method.ToUpperInvariant()} {path} documents no problem response");
            Assert.All(problems, p => Assert.True(p.Value.GetProperty("content").TryGetProperty("application/problem+json", out _),
                $"{method.ToUpperInvariant()} {path} {p.Name} is not a problem"));
        }
    }

    [Fact]
    public async Task ReferencePage_IsServed()
    {
        // /scalar redirects here, and a client does not carry Authorization across a redirect.
        var response = await host.Client.GetAsync("/scalar/");

        response.EnsureSuccessStatusCode();
        Assert.Contains("ConfigAdmin API", await response.Content.ReadAsStringAsync());
    }

    private static string OpenApiPath(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.TrimEnd('/'), @"\{(\w+)(:[^}]*)?\}", "{$1}");
}
