using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// Every route and page against every kind of caller, with the exact status and problem code each gets. Columns:
/// no identity, a viewer / editor / admin / client key over every application, an admin key that covers only
/// another application (the out-of-scope caller), and a monitor key (metrics only). A new route without a row here fails
/// <see cref="EveryRoute_HasARow"/>.
/// </summary>
[Trait("Category", "Database")]
public abstract class RoleMatrixTests(ApiHost host)
{
    private static readonly ConcurrentDictionary<ApiHost, Lazy<Task<Actors>>> Setups = new();

    public static TheoryData<string> Rows => new(RoleMatrix.Rows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Route_AnswersEachCallerExactly(string row)
    {
        var actors = await Setups.GetOrAdd(host, h => new Lazy<Task<Actors>>(() => Actors.CreateAsync(h))).Value;
        var spec = RoleMatrix.Rows.Single(r => r.Name == row);
        var failures = new List<string>();
        foreach (var (caller, expected) in spec.Expectations())
        {
            using var request = await spec.Request(actors.Targets);
            // An event stream never ends: its status and headers are all there is to read.
            using var response = await actors.ClientOf(caller).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
            var actual = (int)response.StatusCode;
            if (actual != expected) failures.Add($"{caller}: expected {expected}, got {actual} {body[..Math.Min(body.Length, 200)]}");
            else if (RoleMatrix.ProblemCode(expected) is { } code && spec.IsApi
                     && !body.Contains($"\"code\":\"{code}\"", StringComparison.Ordinal))
                failures.Add($"{caller}: {expected} without problem code '{code}': {body[..Math.Min(body.Length, 200)]}");
            else if (expected == 302 && response.Headers.Location?.OriginalString.StartsWith("/account/signin", StringComparison.Ordinal) != true
                     && response.Headers.Location?.AbsolutePath.StartsWith("/account/signin", StringComparison.Ordinal) != true)
                failures.Add($"{caller}: 302 to {response.Headers.Location}, not to the sign-in page");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void EveryRoute_HasARow()
    {
        var endpoints = host.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'),
                Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Pattern.StartsWith("/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Pattern}"))
            .ToHashSet();
        var covered = RoleMatrix.Rows.Select(r => r.Route).ToHashSet();

        Assert.Empty(endpoints.Except(covered).Order());
    }

    [Fact]
    public void EveryPage_HasARow()
    {
        var pages = typeof(ConfigAdmin.Web.Components.App).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), inherit: false))
            .Select(a => ("PAGE " + ((Microsoft.AspNetCore.Components.RouteAttribute)a).Template).ToLowerInvariant())
            .ToHashSet();
        var covered = RoleMatrix.Rows.Select(r => r.Route.ToLowerInvariant()).ToHashSet();

        Assert.Empty(pages.Except(covered).Order());
    }
}

public sealed class RoleMatrixTestsOnSqlite(SqliteApiHost host) : RoleMatrixTests(host), IClassFixture<SqliteApiHost>;

public sealed class RoleMatrixTestsOnPostgres(PostgresApiHost host) : RoleMatrixTests(host), IClassFixture<PostgresApiHost>;

public enum MatrixCaller
{
    Anonymous,
    Viewer,
    Editor,
    Admin,
    Client,
    OutOfScope,
    Monitor,
}

/// <summary>The callers of the matrix and what they act on: one application in scope (A), one out of scope for the last column.</summary>
public sealed class Actors
{
    private readonly Dictionary<MatrixCaller, HttpClient> _clients = [];

    public Targets Targets { get; private init; } = default!;

    public HttpClient ClientOf(MatrixCaller caller) => _clients[caller];

    public static async Task<Actors> CreateAsync(ApiHost host)
    {
        var targets = await Targets.CreateAsync(host);
        var actors = new Actors { Targets = targets };
        actors._clients[MatrixCaller.Anonymous] = host.RawClient(null);
        foreach (var role in new[] { MatrixCaller.Viewer, MatrixCaller.Editor, MatrixCaller.Admin, MatrixCaller.Client, MatrixCaller.Monitor })
            actors._clients[role] = host.RawClient(await host.CreateKeyAsync(role.ToString().ToLowerInvariant()));
        actors._clients[MatrixCaller.OutOfScope] = host.RawClient(await host.CreateKeyAsync("admin", [targets.OtherApp]));
        return actors;
    }
}

public sealed record MatrixRow(string Route, string Name, Func<Targets, Task<HttpRequestMessage>> Request,
    int Anonymous, int Viewer, int Editor, int Admin, int Client, int OutOfScope, int Monitor)
{
    public bool IsApi => !Route.StartsWith("PAGE", StringComparison.Ordinal);

    public IEnumerable<(MatrixCaller, int)> Expectations() =>
    [
        (MatrixCaller.Anonymous, Anonymous), (MatrixCaller.Viewer, Viewer), (MatrixCaller.Editor, Editor), (MatrixCaller.Admin, Admin),
        (MatrixCaller.Client, Client), (MatrixCaller.OutOfScope, OutOfScope), (MatrixCaller.Monitor, Monitor),
    ];
}

public static class RoleMatrix
{
    public static string? ProblemCode(int status) => status switch
    {
        401 => "unauthenticated",
        403 => "forbidden",
        404 => "not_found",
        _ => null,
    };

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static Task<HttpRequestMessage> Delete(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, url));

    private static Task<HttpRequestMessage> Send(HttpMethod method, string url, object body) =>
        Task.FromResult(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: ApiHost.Json) });

    private static object AppBody(string name) => A.Application(name);

    // Columns: anonymous, viewer, editor, admin, client, admin of another application only, monitor.
    public static readonly MatrixRow[] Rows =
    [
        new("GET /v1/applications/", "list applications", _ => Get("/v1/applications"), 401, 200, 200, 200, 403, 200, 403),
        new("POST /v1/applications/", "create application", _ => Send(HttpMethod.Post, "/v1/applications", AppBody(A.Name())), 401, 403, 403, 201, 403, 403, 403),
        new("GET /v1/applications/{name}", "read application", t => Get($"/v1/applications/{t.App}"), 401, 200, 200, 200, 403, 404, 403),
        new("PUT /v1/applications/{name}", "update application", t => Send(HttpMethod.Put, $"/v1/applications/{t.App}", AppBody(t.App)), 401, 403, 403, 200, 403, 404, 403),
        new("DELETE /v1/applications/{name}", "delete application", async t => await Delete($"/v1/applications/{await t.FreshAppAsync()}"), 401, 403, 403, 204, 403, 404, 403),
        new("GET /v1/applications/{name}/config", "client read", t => Get($"/v1/applications/{t.App}/config?environment=production"), 401, 200, 200, 200, 200, 404, 403),
        new("GET /v1/applications/{name}/config/stream", "client read stream", t => Get($"/v1/applications/{t.App}/config/stream?environment=production"), 401, 200, 200, 200, 200, 404, 403),
        new("GET /v1/applications/{name}/clients", "client instances", t => Get($"/v1/applications/{t.App}/clients"), 401, 200, 200, 200, 403, 404, 403),
        new("GET /v1/environments/", "list environments", _ => Get("/v1/environments"), 401, 200, 200, 200, 403, 200, 403),
        new("POST /v1/environments/", "create environment", _ => Send(HttpMethod.Post, "/v1/environments", new { name = A.Name("env") }), 401, 403, 403, 201, 403, 403, 403),
        new("GET /v1/environments/{name}", "read environment", _ => Get("/v1/environments/staging"), 401, 200, 200, 200, 403, 200, 403),
        new("PUT /v1/environments/{name}", "update environment", _ => Send(HttpMethod.Put, "/v1/environments/staging", new { name = "staging", description = "Pre-production.", sortOrder = 20 }), 401, 403, 403, 200, 403, 403, 403),
        new("DELETE /v1/environments/{name}", "delete environment", async t => await Delete($"/v1/environments/{await t.FreshEnvironmentAsync()}"), 401, 403, 403, 204, 403, 403, 403),
        new("GET /v1/configs/", "list keys", t => Get($"/v1/configs?application={t.App}"), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/configs/", "create key", t => Send(HttpMethod.Post, "/v1/configs", A.Config(t.App, A.Name("Key"))), 401, 403, 201, 201, 403, 404, 403),
        new("GET /v1/configs/{id:guid}", "read key", t => Get($"/v1/configs/{t.ConfigId}"), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/configs/{id:guid}/reveal", "reveal key", t => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"/v1/configs/{t.ConfigId}/reveal")), 401, 403, 200, 200, 403, 404, 403),
        new("PUT /v1/configs/{id:guid}", "update key", t => Send(HttpMethod.Put, $"/v1/configs/{t.ConfigId}", new { key = "Db:Password", valueType = "string", defaultValue = "***", isSecret = true }), 401, 403, 200, 200, 403, 404, 403),
        new("DELETE /v1/configs/{id:guid}", "delete key", async t => await Delete($"/v1/configs/{await t.FreshConfigAsync()}"), 401, 403, 204, 204, 403, 404, 403),
        new("PUT /v1/configs/{id:guid}/overrides/{environment}", "set override", t => Send(HttpMethod.Put, $"/v1/configs/{t.ConfigId}/overrides/production", new { value = "p" }), 401, 403, 200, 200, 403, 404, 403),
        new("DELETE /v1/configs/{id:guid}/overrides/{environment}", "remove override", async t => await Delete($"/v1/configs/{await t.FreshOverrideAsync()}/overrides/staging"), 401, 403, 200, 200, 403, 404, 403),
        new("GET /v1/configs/{id:guid}/revisions", "key revisions", t => Get($"/v1/configs/{t.ConfigId}/revisions"), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/configs/{id:guid}/revisions/{revision:long}/revert", "revert a change", async t =>
        {
            var (config, revision) = await t.FreshRevisionAsync();
            return new HttpRequestMessage(HttpMethod.Post, $"/v1/configs/{config}/revisions/{revision}/revert?dryRun=true");
        }, 401, 403, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/restore", "restore application", t => Send(HttpMethod.Post, $"/v1/applications/{t.App}/restore",
            // Now: a moment before the application existed (its targets may be milliseconds old) would be a 404.
            new { at = DateTimeOffset.UtcNow.ToString("O"), dryRun = true }), 401, 403, 200, 200, 403, 404, 403),
        new("GET /v1/applications/{name}/compare", "compare environments", t => Get($"/v1/applications/{t.App}/compare?from=staging&to=production"), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/promote", "promote keys", t => Send(HttpMethod.Post, $"/v1/applications/{t.App}/promote",
            new { from = "staging", to = "production", keys = new[] { "Db:Password" }, dryRun = true }), 401, 403, 200, 200, 403, 404, 403),
        new("GET /v1/applications/{name}/export", "export", t => Get($"/v1/applications/{t.App}/export?environment=production&format=env"), 401, 200, 200, 200, 403, 404, 403),
        new("GET /v1/applications/{name}/export?includeSecrets", "export with secrets", t => Get($"/v1/applications/{t.App}/export?format=configadmin&includeSecrets=true"), 401, 403, 200, 200, 403, 404, 403),
        new("GET /v1/applications/{name}/schema", "application schema", t => Get($"/v1/applications/{t.App}/schema"), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/import", "import", t => Task.FromResult(new HttpRequestMessage(HttpMethod.Post,
            $"/v1/applications/{t.App}/import?format=env&environment=staging&dryRun=true") { Content = new StringContent("MODE=x\n") }), 401, 403, 200, 200, 403, 404, 403),
        new("GET /v1/audit", "audit log", _ => Get("/v1/audit"), 401, 200, 200, 200, 403, 200, 403),
        new("GET /v1/api-keys/", "list API keys", _ => Get("/v1/api-keys"), 401, 403, 403, 200, 403, 403, 403),
        new("POST /v1/api-keys/", "create API key", _ => Send(HttpMethod.Post, "/v1/api-keys", new { name = A.Name("k"), role = "client", applications = new[] { "*" } }), 401, 403, 403, 201, 403, 403, 403),
        new("GET /v1/api-keys/{id:guid}", "read API key", async t => await Get($"/v1/api-keys/{await t.FreshKeyAsync()}"), 401, 403, 403, 200, 403, 403, 403),
        new("DELETE /v1/api-keys/{id:guid}", "revoke API key", async t => await Delete($"/v1/api-keys/{await t.FreshKeyAsync()}"), 401, 403, 403, 204, 403, 403, 403),
        new("GET /v1/webhooks/", "list webhooks", _ => Get("/v1/webhooks"), 401, 403, 403, 200, 403, 403, 403),
        new("POST /v1/webhooks/", "register webhook", _ => Send(HttpMethod.Post, "/v1/webhooks",
            new { url = "http://127.0.0.1:9/matrix", events = new[] { "rollout.*" }, applications = new[] { "*" } }), 401, 403, 403, 201, 403, 403, 403),
        new("GET /v1/webhooks/{id:guid}", "read webhook", async t => await Get(await t.FreshWebhookAsync()), 401, 403, 403, 200, 403, 403, 403),
        new("PUT /v1/webhooks/{id:guid}", "replace webhook", async t => await Send(HttpMethod.Put, await t.FreshWebhookAsync(),
            new { url = "http://127.0.0.1:9/matrix2", events = new[] { "rollout.*" }, applications = new[] { "*" } }), 401, 403, 403, 200, 403, 403, 403),
        new("DELETE /v1/webhooks/{id:guid}", "delete webhook", async t => await Delete(await t.FreshWebhookAsync()), 401, 403, 403, 204, 403, 403, 403),
        new("POST /v1/webhooks/{id:guid}/test", "send test event", async t => new HttpRequestMessage(HttpMethod.Post, $"{await t.FreshWebhookAsync()}/test"),
            401, 403, 403, 202, 403, 403, 403),
        new("GET /v1/webhooks/{id:guid}/deliveries", "webhook delivery log", async t => await Get($"{await t.FreshWebhookAsync()}/deliveries"),
            401, 403, 403, 200, 403, 403, 403),
        new("POST /v1/webhooks/{id:guid}/deliveries/{deliveryId:long}/resend", "send delivery again", async t =>
            new HttpRequestMessage(HttpMethod.Post, $"{await t.FreshDeliveryAsync()}/resend"), 401, 403, 403, 202, 403, 403, 403),
        new("GET /v1/change-requests", "list change requests", _ => Get("/v1/change-requests?awaiting=me"), 401, 200, 200, 200, 403, 200, 403),
        new("GET /v1/applications/{name}/change-requests/", "list application change requests", t => Get($"/v1/applications/{t.App}/change-requests"), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/change-requests/", "file change request", t => Send(HttpMethod.Post, $"/v1/applications/{t.App}/change-requests",
            new { title = "Matrix", operations = new[] { new { op = "setOverride", key = "Db:Password", environment = "development", value = A.Name("v") } } }),
            401, 403, 201, 201, 403, 404, 403),
        new("GET /v1/applications/{name}/change-requests/{id:long}", "read change request", async t => await Get(await t.FreshRequestAsync()), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/change-requests/{id:long}/approve", "approve change request", async t => await Send(HttpMethod.Post,
            $"{await t.FreshRequestAsync()}/approve", new { comment = "ok" }), 401, 403, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/change-requests/{id:long}/reject", "reject change request", async t => await Send(HttpMethod.Post,
            $"{await t.FreshRequestAsync()}/reject", new { comment = "no" }), 401, 403, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/change-requests/{id:long}/comment", "comment on change request", async t => await Send(HttpMethod.Post,
            $"{await t.FreshRequestAsync()}/comment", new { text = "why?" }), 401, 200, 200, 200, 403, 404, 403),
        // Only its author (here the bootstrap admin) or an admin of the application withdraws a request.
        new("POST /v1/applications/{name}/change-requests/{id:long}/withdraw", "withdraw change request", async t => await Send(HttpMethod.Post,
            $"{await t.FreshRequestAsync()}/withdraw", new { }), 401, 403, 403, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/change-requests/{id:long}/apply", "apply change request", async t => await Send(HttpMethod.Post,
            $"{await t.FreshRequestAsync()}/apply", new { }), 401, 403, 200, 200, 403, 404, 403),
        new("POST /v1/applications/{name}/change-requests/{id:long}/rebase", "rebase change request", async t => await Send(HttpMethod.Post,
            $"{await t.FreshRequestAsync()}/rebase", new { }), 401, 403, 200, 200, 403, 404, 403),
        // Only a break-glass apply is acknowledged: an admin asking about any other request is told so (409).
        new("POST /v1/applications/{name}/change-requests/{id:long}/acknowledge", "acknowledge forced change request", async t => await Send(HttpMethod.Post,
            $"{await t.FreshRequestAsync()}/acknowledge", new { }), 401, 403, 403, 409, 403, 404, 403),
        new("GET /v1/rollouts/", "list rollouts", _ => Get("/v1/rollouts?status=active"), 401, 200, 200, 200, 403, 200, 403),
        new("GET /v1/rollouts/", "list rollouts of an application", t => Get($"/v1/rollouts?application={t.App}"), 401, 200, 200, 200, 403, 404, 403),
        new("GET /v1/rollouts/{id:long}", "read rollout", async t => await Get(await t.FreshRolloutAsync()), 401, 200, 200, 200, 403, 404, 403),
        new("POST /v1/rollouts/{id:long}/pause", "pause rollout", async t => new HttpRequestMessage(HttpMethod.Post, $"{await t.FreshRolloutAsync()}/pause"),
            401, 403, 200, 200, 403, 404, 403),
        new("POST /v1/rollouts/{id:long}/resume", "resume rollout", async t => new HttpRequestMessage(HttpMethod.Post, $"{await t.FreshRolloutAsync(paused: true)}/resume"),
            401, 403, 200, 200, 403, 404, 403),
        new("POST /v1/rollouts/{id:long}/promote", "promote rollout", async t => new HttpRequestMessage(HttpMethod.Post, $"{await t.FreshRolloutAsync()}/promote"),
            401, 403, 200, 200, 403, 404, 403),
        new("POST /v1/rollouts/{id:long}/abort", "abort rollout", async t => new HttpRequestMessage(HttpMethod.Post, $"{await t.FreshRolloutAsync()}/abort"),
            401, 403, 200, 200, 403, 404, 403),
        // Monitor keys watch every application and may signal any rollout to roll back (design §14).
        new("POST /v1/rollouts/{id:long}/signals", "signal rollout", async t => await Send(HttpMethod.Post, $"{await t.FreshRolloutAsync()}/signals",
            new { reason = "error rate" }), 401, 403, 200, 200, 403, 404, 200),
        new("POST /v1/applications/{name}/clients/{instanceId}/health", "report instance health", t => Send(HttpMethod.Post,
            $"/v1/applications/{t.App}/clients/i-1/health?environment=staging", new { status = "ok" }), 401, 204, 204, 204, 204, 404, 403),
        new("GET /v1/applications/{name}/feature-flags/", "list feature flags", t => Get($"/v1/applications/{t.App}/feature-flags?environment=staging"), 401, 200, 200, 200, 403, 404, 403),
        new("GET /v1/applications/{name}/feature-flags/{id}", "read feature flag", async t => await Get(await t.FreshFlagAsync()), 401, 200, 200, 200, 403, 404, 403),
        new("PUT /v1/applications/{name}/feature-flags/{id}", "set feature flag", t => Send(HttpMethod.Put,
            $"/v1/applications/{t.App}/feature-flags/{A.Name("f")}?environment=staging", new { enabled = true }), 401, 403, 201, 201, 403, 404, 403),
        new("DELETE /v1/applications/{name}/feature-flags/{id}", "delete feature flag", async t => await Delete(await t.FreshFlagAsync()), 401, 403, 204, 204, 403, 404, 403),
        new("GET /v1/search", "search keys", _ => Get("/v1/search?q=Db"), 401, 200, 200, 200, 403, 200, 403),
        new("OTHER /openapi", "OpenAPI document", _ => Get("/openapi/v1.json"), 401, 200, 200, 200, 403, 200, 403),
        new("OTHER /scalar", "API reference", _ => Get("/scalar/"), 401, 200, 200, 200, 403, 200, 403),
        // The metrics name every application: admins of every application and monitor keys only.
        new("OTHER /metrics", "metrics", _ => Get("/metrics"), 401, 403, 403, 200, 403, 403, 200),
        new("OTHER /health", "liveness", _ => Get("/health"), 200, 200, 200, 200, 200, 200, 200),
        new("OTHER /health/ready", "readiness", _ => Get("/health/ready"), 200, 200, 200, 200, 200, 200, 200),
        new("PAGE /", "page dashboard", _ => Get("/"), 302, 200, 200, 200, 403, 200, 403),
        new("PAGE /applications", "page applications", _ => Get("/applications"), 302, 200, 200, 200, 403, 200, 403),
        new("PAGE /applications/{name}", "page application", t => Get($"/applications/{t.App}"), 302, 200, 200, 200, 403, 404, 403),
        new("PAGE /applications/{name}", "page application rollouts tab", async t => await Get(await t.FreshRolloutTabAsync()), 302, 200, 200, 200, 403, 404, 403),
        new("PAGE /environments", "page environments", _ => Get("/environments"), 302, 200, 200, 200, 403, 200, 403),
        new("PAGE /applications/{name}/compare", "page compare", t => Get($"/applications/{t.App}/compare?from=staging&to=production"), 302, 200, 200, 200, 403, 404, 403),
        new("PAGE /applications/{name}/text", "page text mode", t => Get($"/applications/{t.App}/text?layer=production&format=env"), 302, 200, 200, 200, 403, 404, 403),
        new("PAGE /applications/{name}/changes/{id:long}", "page change request", async t => await Get((await t.FreshRequestAsync())
            .Replace("/v1/applications/", "/applications/").Replace("/change-requests/", "/changes/")), 302, 200, 200, 200, 403, 404, 403),
        new("PAGE /audit", "page audit", _ => Get("/audit?application=mine&key=Db%3APassword&environment=staging"), 302, 200, 200, 200, 403, 200, 403),
        // Any signed-in caller may be told that nothing lives at an address; it shows nothing else.
        new("PAGE /not-found", "page not found", _ => Get("/not-found"), 302, 200, 200, 200, 200, 200, 200),
        new("PAGE /search", "page search", _ => Get("/search?q=Db"), 302, 200, 200, 200, 403, 200, 403),
        new("PAGE /admin/users", "page users", _ => Get("/admin/users"), 302, 403, 403, 200, 403, 403, 403),
        new("PAGE /admin/api-keys", "page API keys", _ => Get("/admin/api-keys"), 302, 403, 403, 200, 403, 403, 403),
        new("PAGE /admin/webhooks", "page webhooks", _ => Get("/admin/webhooks"), 302, 403, 403, 200, 403, 403, 403),
        new("PAGE /account/signin", "page sign-in", _ => Get("/account/signin"), 200, 200, 200, 200, 200, 200, 200),
        new("PAGE /account/setup", "page first admin", _ => Get("/account/setup"), 200, 200, 200, 200, 200, 200, 200),
        new("PAGE /account/denied", "page not allowed", _ => Get("/account/denied"), 200, 200, 200, 200, 200, 200, 200),
        new("PAGE /account/password", "page change password", _ => Get("/account/password"), 302, 200, 200, 200, 200, 200, 200),
    ];
}
