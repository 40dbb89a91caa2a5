using System.Net.Http.Json;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>
/// Every route that can change what a client reads passes the protection guard. The routes come from the app's own
/// route table: a state-changing <c>/v1</c> route must either have a probe here (a request that would change a protected
/// environment's document, refused with approval_required and changing nothing) or be listed as exempt with the reason
/// it changes no document. A route added later without either fails <see cref="EveryStateChangingRoute_IsProbedOrExempt"/>.
/// </summary>
[Trait("Category", "Database")]
public abstract class GuardedRoutesTests(ApiHost host)
{
    /// <summary>Routes that change no client document, and why.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["POST /v1/applications/"] = "a new application has no documents yet",
        ["POST /v1/environments/"] = "a new environment is no protected environment's document",
        ["PUT /v1/environments/{name}"] = "description, order and required approvals (admin, audited) are no document",
        ["POST /v1/configs/{id:guid}/reveal"] = "reads secret values in clear (audited); changes nothing",
        ["POST /v1/api-keys/"] = "access, not configuration",
        ["DELETE /v1/api-keys/{id:guid}"] = "access, not configuration",
        ["POST /v1/webhooks/"] = "webhooks are told of changes; they change no client document",
        ["PUT /v1/webhooks/{id:guid}"] = "webhooks are told of changes; they change no client document",
        ["DELETE /v1/webhooks/{id:guid}"] = "webhooks are told of changes; they change no client document",
        ["POST /v1/webhooks/{id:guid}/test"] = "sends a test event; changes no client document",
        ["POST /v1/webhooks/{id:guid}/deliveries/{deliveryId:long}/resend"] = "sends an event again; changes no client document",
        ["POST /v1/applications/{name}/change-requests/"] = "filing stores a request, not a change",
        ["POST /v1/applications/{name}/change-requests/{id:long}/approve"] = "review state only",
        ["POST /v1/applications/{name}/change-requests/{id:long}/reject"] = "review state only",
        ["POST /v1/applications/{name}/change-requests/{id:long}/comment"] = "review state only",
        ["POST /v1/applications/{name}/change-requests/{id:long}/withdraw"] = "review state only",
        ["POST /v1/applications/{name}/change-requests/{id:long}/rebase"] = "review state only",
        ["POST /v1/applications/{name}/change-requests/{id:long}/acknowledge"] = "review state only",
        ["POST /v1/rollouts/{id:long}/pause"] = "holds a rollout's stage; every instance keeps the document it reads",
        ["POST /v1/rollouts/{id:long}/resume"] = "lets a rollout's stages advance towards the document its approved request names",
        ["POST /v1/rollouts/{id:long}/abort"] = "serves the base again: the document everyone read before the approved request",
        ["POST /v1/rollouts/{id:long}/signals"] = "rolls back to the base: the document everyone read before the approved request",
        ["POST /v1/rollouts/{id:long}/promote"] =
            "completes an approved request's rollout: the document its approvals cover, and no other (RolloutFlowTests)",
        ["POST /v1/applications/{name}/clients/{instanceId}/health"] = "an instance's health; the gate it feeds can only roll back to the base",
        ["POST /v1/applications/{name}/change-requests/{id:long}/apply"] =
            "the guard's own way through: it applies only with the approvals protection needs (ChangeRequestFlowTests)",
    };

    public static TheoryData<string> Probed => new(Probes.Keys.Order());

    [Fact]
    public void EveryStateChangingRoute_IsProbedOrExempt()
    {
        var routes = host.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Pattern.StartsWith("/v1", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Where(m => m is not ("GET" or "HEAD" or "OPTIONS")).Select(m => $"{m} {e.Pattern}"))
            .ToHashSet();

        Assert.Empty(routes.Except(Probes.Keys).Except(Exempt.Keys).Order());
        Assert.Empty(Probes.Keys.Concat(Exempt.Keys).Except(routes).Order());
    }

    [Theory]
    [MemberData(nameof(Probed))]
    public async Task AWriteToAProtectedDocument_IsRefusedWithApprovalRequired_AndChangesNothing(string route)
    {
        var scene = await Scene.CreateAsync(host.Client);
        var before = await scene.SnapshotAsync();

        var response = await host.Client.SendAsync(await Probes[route](scene));

        var problem = await response.AssertProblemAsync(409, "approval_required");
        Assert.Contains(problem.GetProperty("environments").EnumerateArray(), e => e.GetString() is { } name && name.StartsWith("live", StringComparison.Ordinal));
        Assert.Equal(before, await scene.SnapshotAsync());
    }

    private static readonly Dictionary<string, Func<Scene, Task<HttpRequestMessage>>> Probes = new()
    {
        ["POST /v1/configs/"] = s => Json(HttpMethod.Post, "/v1/configs", A.Config(s.App, "Brand:New", defaultValue: "everywhere")),
        ["PUT /v1/configs/{id:guid}"] = s => Json(HttpMethod.Put, $"/v1/configs/{s.Inherited}",
            new { key = "Inherited", valueType = "string", defaultValue = "a new default the protected environment inherits" }),
        ["DELETE /v1/configs/{id:guid}"] = s => Plain(HttpMethod.Delete, $"/v1/configs/{s.Timeout}"),
        ["PUT /v1/configs/{id:guid}/overrides/{environment}"] = s => Json(HttpMethod.Put, $"/v1/configs/{s.Timeout}/overrides/{s.Protected}", new { value = "11" }),
        ["DELETE /v1/configs/{id:guid}/overrides/{environment}"] = s => Plain(HttpMethod.Delete, $"/v1/configs/{s.Timeout}/overrides/{s.Protected}"),
        ["PUT /v1/applications/{name}"] = s => Json(HttpMethod.Put, $"/v1/applications/{s.App}", A.Application(A.Name("renamed"))),
        ["DELETE /v1/applications/{name}"] = s => Plain(HttpMethod.Delete, $"/v1/applications/{s.App}"),
        ["POST /v1/applications/{name}/import"] = s => Task.FromResult(new HttpRequestMessage(HttpMethod.Post,
            $"/v1/applications/{s.App}/import?format=env&environment={s.Protected}") { Content = new StringContent("Timeout=12\n") }),
        ["POST /v1/applications/{name}/restore"] = s => Json(HttpMethod.Post, $"/v1/applications/{s.App}/restore", new { at = s.BeforeLastChange }),
        ["POST /v1/applications/{name}/promote"] = s => Json(HttpMethod.Post, $"/v1/applications/{s.App}/promote",
            new { from = "staging", to = s.Protected, keys = new[] { "Timeout" } }),
        ["POST /v1/configs/{id:guid}/revisions/{revision:long}/revert"] = s =>
            Plain(HttpMethod.Post, $"/v1/configs/{s.Timeout}/revisions/{s.LastRevision}/revert"),
        ["DELETE /v1/environments/{name}"] = s => Plain(HttpMethod.Delete, $"/v1/environments/{s.EmptyProtected}"),
    };

    private static Task<HttpRequestMessage> Json(HttpMethod method, string url, object body) =>
        Task.FromResult(new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: ApiHost.Json) });

    private static Task<HttpRequestMessage> Plain(HttpMethod method, string url) => Task.FromResult(new HttpRequestMessage(method, url));

    /// <summary>
    /// An application whose keys have values in an environment of their own that is then protected (environments are
    /// global: the ones earlier probes protected are unprotected first), and an empty protected environment.
    /// </summary>
    private sealed class Scene(HttpClient admin)
    {
        public string App { get; } = A.Name("guarded");
        public string Protected { get; } = A.Name("live");
        public string EmptyProtected { get; } = A.Name("live");
        public string Timeout { get; private set; } = "";
        public string Inherited { get; private set; } = "";
        public string BeforeLastChange { get; private set; } = "";
        public long LastRevision { get; private set; }

        public static async Task<Scene> CreateAsync(HttpClient admin)
        {
            var scene = new Scene(admin);
            await scene.SetUpAsync();
            return scene;
        }

        private async Task SetUpAsync()
        {
            var environments = await (await admin.GetAsync("/v1/environments?pageSize=500")).JsonAsync();
            foreach (var env in environments.GetProperty("items").EnumerateArray()
                         .Where(e => e.GetProperty("requiredApprovals").GetInt32() > 0 && e.GetProperty("name").GetString()!.StartsWith("live", StringComparison.Ordinal)))
                await Ok(admin.PutJsonAsync($"/v1/environments/{env.GetProperty("name").GetString()}", new { name = env.GetProperty("name").GetString(), requiredApprovals = 0 }));
            foreach (var env in new[] { Protected, EmptyProtected }) await Ok(admin.PostJsonAsync("/v1/environments", new { name = env }));
            await Ok(admin.PostJsonAsync("/v1/applications", A.Application(App)));
            Timeout = await IdAsync(admin.PostJsonAsync("/v1/configs", A.Config(App, "Timeout", Core.Configs.ConfigValueType.Integer, "30",
                new() { [Protected] = "10", ["staging"] = "20" })));
            Inherited = await IdAsync(admin.PostJsonAsync("/v1/configs", A.Config(App, "Inherited", defaultValue: "d")));
            BeforeLastChange = await RealTime.MomentBetweenWritesAsync();
            await Ok(admin.PutJsonAsync($"/v1/configs/{Timeout}/overrides/{Protected}", new { value = "9" }));
            var revisions = await (await admin.GetAsync($"/v1/configs/{Timeout}/revisions")).JsonAsync();
            LastRevision = revisions.GetProperty("items")[0].GetProperty("id").GetInt64();
            foreach (var env in new[] { Protected, EmptyProtected })
                await Ok(admin.PutJsonAsync($"/v1/environments/{env}", new { name = env, requiredApprovals = 1 }));
        }

        /// <summary>Everything a probe could have changed: the whole application with its secrets, and the environments.</summary>
        public async Task<string> SnapshotAsync() =>
            await admin.GetStringAsync($"/v1/applications/{App}/export?format=configadmin&includeSecrets=true")
            + await admin.GetStringAsync("/v1/environments?pageSize=500");

        private static async Task Ok(Task<HttpResponseMessage> send) => await (await send).EnsureSuccessStatusCodeAsync();

        private static async Task<string> IdAsync(Task<HttpResponseMessage> send)
        {
            var response = await send;
            await response.EnsureSuccessStatusCodeAsync();
            return (await response.JsonAsync()).GetProperty("id").GetString()!;
        }
    }
}

public sealed class GuardedRoutesTestsOnSqlite(SqliteApiHost host) : GuardedRoutesTests(host), IClassFixture<SqliteApiHost>;

public sealed class GuardedRoutesTestsOnPostgres(PostgresApiHost host) : GuardedRoutesTests(host), IClassFixture<PostgresApiHost>;
