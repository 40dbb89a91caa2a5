using System.Net;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>Change requests over REST: the problems clients branch on, and every bulk path filing its preview as a request.</summary>
[Trait("Category", "Database")]
public abstract class ChangeRequestApiTests(ApiHost host)
{
    [Fact]
    public async Task ADirectWrite_ToAProtectedEnvironment_Is409ApprovalRequired_SayingWhereToFileARequest()
    {
        var scene = await ProtectedSceneAsync();

        var problem = await (await host.Client.PutJsonAsync($"/v1/configs/{scene.Key}/overrides/{scene.Env}", new { value = "11" }))
            .AssertProblemAsync(409, "approval_required");

        Assert.Equal([scene.Env], problem.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"/v1/applications/{scene.App}/change-requests", problem.GetProperty("changeRequestsUrl").GetString());
    }

    [Fact]
    public async Task FileReviewApply_OverRest_WithLocationETagAndTheProblemsOfEachWrongStep()
    {
        var scene = await ProtectedSceneAsync();
        var author = await host.ClientForKeyAsync("editor");
        var reviewer = await host.ClientForKeyAsync("editor");

        var filed = await author.PostJsonAsync($"/v1/applications/{scene.App}/change-requests", new
        {
            title = "Longer timeout", description = "Checkout times out under load.",
            operations = new[] { new { op = "setOverride", key = "Timeout", environment = scene.Env, value = "15" } },
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var location = filed.Headers.Location!.OriginalString;
        Assert.NotNull(filed.Headers.ETag);
        var body = await filed.JsonAsync();
        Assert.Equal("open", body.GetProperty("status").GetString());
        Assert.Equal("15", body.GetProperty("diff").GetProperty(scene.Env).GetProperty("changed")[0].GetProperty("to").GetString());

        await (await author.PostJsonAsync($"{location}/approve", new { })).AssertProblemAsync(403, "own_request");
        await (await author.PostJsonAsync($"{location}/apply", new { })).AssertProblemAsync(409, "approval_required");
        var approved = await (await reviewer.PostJsonAsync($"{location}/approve", new { comment = "Fine." })).JsonAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        var applied = await author.PostJsonAsync($"{location}/apply", new { });
        await applied.EnsureSuccessStatusCodeAsync();
        Assert.Equal("applied", (await applied.JsonAsync()).GetProperty("status").GetString());
        await (await author.PostJsonAsync($"{location}/apply", new { })).AssertProblemAsync(409, "request_closed");
        await (await author.PostJsonAsync($"{location}/rebase", new { })).AssertProblemAsync(409, "request_closed");
        Assert.Contains("\"Timeout\":15", await host.Client.GetStringAsync($"/v1/applications/{scene.App}/config?environment={scene.Env}"));
        var audit = await (await host.Client.GetAsync($"/v1/audit?application={scene.App}&entityType=override")).JsonAsync();
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("changeRequestId").ValueKind == System.Text.Json.JsonValueKind.Number);
    }

    [Fact]
    public async Task AStaleRequest_Is409Stale_NamingTheKey_UntilRebased()
    {
        var scene = await ProtectedSceneAsync();
        var filed = await (await host.Client.PostJsonAsync($"/v1/applications/{scene.App}/change-requests", new
        {
            title = "t", operations = new[] { new { op = "setOverride", key = "Timeout", environment = "staging", value = "21" } },
        })).JsonAsync();
        var location = $"/v1/applications/{scene.App}/change-requests/{filed.GetProperty("id").GetInt64()}";
        await (await host.Client.PutJsonAsync($"/v1/configs/{scene.Key}/overrides/development", new { value = "5" })).EnsureSuccessStatusCodeAsync();

        var stale = await (await host.Client.PostJsonAsync($"{location}/apply", new { })).AssertProblemAsync(409, "stale");
        Assert.Equal(["Timeout"], stale.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.True((await (await host.Client.GetAsync(location)).JsonAsync()).GetProperty("stale").GetBoolean());
        await (await host.Client.PostJsonAsync($"{location}/rebase", new { })).EnsureSuccessStatusCodeAsync();
        await (await host.Client.PostJsonAsync($"{location}/apply", new { })).EnsureSuccessStatusCodeAsync();
    }

    [Fact]
    public async Task BadRequests_AreProblemsWithCodes()
    {
        var scene = await ProtectedSceneAsync();
        var url = $"/v1/applications/{scene.App}/change-requests";

        var unknown = await (await host.Client.PostJsonAsync(url, new { title = "t", operations = new[] { new { op = "dropTable", key = "Timeout" } } }))
            .AssertProblemAsync(400, "validation_failed");
        Assert.True(unknown.GetProperty("errors").TryGetProperty("operations[0].op", out _));
        await (await host.Client.PostJsonAsync(url, new { title = "", operations = new[] { new { op = "deleteKey", key = "Timeout" } } }))
            .AssertProblemAsync(400, "validation_failed");
        await (await host.Client.PostJsonAsync(url, new { title = "t", operations = new[] { new { op = "deleteKey", key = "Nope" } } }))
            .AssertProblemAsync(404, "not_found");
        await (await host.Client.PostJsonAsync($"/v1/applications/{A.Name("none")}/change-requests", new { title = "t", operations = Array.Empty<object>() }))
            .AssertProblemAsync(404, "not_found");
        await (await host.Client.GetAsync($"{url}/999999")).AssertProblemAsync(404, "not_found");
        await (await host.Client.GetAsync("/v1/change-requests?status=7")).AssertProblemAsync(400, "validation_failed");
        await (await host.Client.GetAsync("/v1/change-requests?awaiting=you")).AssertProblemAsync(400, "validation_failed");
    }

    public static TheoryData<string> BulkPaths => new() { "import", "restore", "promote", "revert" };

    [Theory]
    [MemberData(nameof(BulkPaths))]
    public async Task ABulkPath_WithChangeRequest_FilesItsPreviewAsARequest_201_AndChangesNothingUntilApplied(string path)
    {
        var scene = await ProtectedSceneAsync();
        var before = await host.Client.GetStringAsync($"/v1/applications/{scene.App}/config?environment={scene.Env}");
        var dryRun = await (await host.Client.SendAsync(await Bulk(path, scene, dryRun: true, changeRequest: null))).JsonAsync();

        var response = await host.Client.SendAsync(await Bulk(path, scene, dryRun: false, changeRequest: $"By {path}"));

        Assert.Equal([scene.Env], dryRun.GetProperty("protectedEnvironments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await response.JsonAsync();
        Assert.Equal($"By {path}", request.GetProperty("title").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.True(request.GetProperty("diff").TryGetProperty(scene.Env, out _));
        Assert.EndsWith($"/change-requests/{request.GetProperty("id").GetInt64()}", response.Headers.Location!.OriginalString);
        Assert.Equal(before, await host.Client.GetStringAsync($"/v1/applications/{scene.App}/config?environment={scene.Env}"));
        var reviewer = await host.ClientForKeyAsync("editor");
        await (await reviewer.PostJsonAsync($"{response.Headers.Location}/approve", new { })).EnsureSuccessStatusCodeAsync();
        await (await host.Client.PostJsonAsync($"{response.Headers.Location}/apply", new { })).EnsureSuccessStatusCodeAsync();
        Assert.NotEqual(before, await host.Client.GetStringAsync($"/v1/applications/{scene.App}/config?environment={scene.Env}"));
    }

    private async Task<HttpRequestMessage> Bulk(string path, Scene scene, bool dryRun, string? changeRequest)
    {
        var query = $"dryRun={dryRun.ToString().ToLowerInvariant()}" + (changeRequest is null ? "" : $"&changeRequest={Uri.EscapeDataString(changeRequest)}");
        return path switch
        {
            "import" => new HttpRequestMessage(HttpMethod.Post, $"/v1/applications/{scene.App}/import?format=env&environment={scene.Env}&{query}")
            {
                Content = new StringContent("Timeout=12\n"),
            },
            "restore" => Json($"/v1/applications/{scene.App}/restore", new { at = scene.Before, dryRun, changeRequest }),
            "promote" => Json($"/v1/applications/{scene.App}/promote", new { from = "staging", to = scene.Env, keys = new[] { "Timeout" }, dryRun, changeRequest }),
            _ => new HttpRequestMessage(HttpMethod.Post, $"/v1/configs/{scene.Key}/revisions/{await LastRevisionAsync(scene)}/revert?{query}"),
        };
    }

    private static HttpRequestMessage Json(string url, object body) =>
        new(HttpMethod.Post, url) { Content = System.Net.Http.Json.JsonContent.Create(body, options: ApiHost.Json) };

    private async Task<long> LastRevisionAsync(Scene scene) =>
        (await (await host.Client.GetAsync($"/v1/configs/{scene.Key}/revisions")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();

    private sealed record Scene(string App, string Env, string Key, string Before);

    /// <summary>An application with Timeout (30; 10 → 9 in its own protected environment; 20 in staging), the moment before the 9.</summary>
    private async Task<Scene> ProtectedSceneAsync()
    {
        var admin = host.Client;
        var env = A.Name("live");
        var all = await (await admin.GetAsync("/v1/environments?pageSize=500")).JsonAsync();
        foreach (var e in all.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("requiredApprovals").GetInt32() > 0))
            await (await admin.PutJsonAsync($"/v1/environments/{e.GetProperty("name").GetString()}", new { name = e.GetProperty("name").GetString(), requiredApprovals = 0 }))
                .EnsureSuccessStatusCodeAsync();
        await (await admin.PostJsonAsync("/v1/environments", new { name = env })).EnsureSuccessStatusCodeAsync();
        var app = A.Name("cr");
        await (await admin.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCodeAsync();
        var key = (await (await admin.PostJsonAsync("/v1/configs", A.Config(app, "Timeout", Core.Configs.ConfigValueType.Integer, "30",
            new() { [env] = "10", ["staging"] = "20" }))).JsonAsync()).GetProperty("id").GetString()!;
        var before = await RealTime.MomentBetweenWritesAsync();
        await (await admin.PutJsonAsync($"/v1/configs/{key}/overrides/{env}", new { value = "9" })).EnsureSuccessStatusCodeAsync();
        await (await admin.PutJsonAsync($"/v1/environments/{env}", new { name = env, requiredApprovals = 1 })).EnsureSuccessStatusCodeAsync();
        return new Scene(app, env, key, before);
    }
}

public sealed class ChangeRequestApiTestsOnSqlite(SqliteApiHost host) : ChangeRequestApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class ChangeRequestApiTestsOnPostgres(PostgresApiHost host) : ChangeRequestApiTests(host), IClassFixture<PostgresApiHost>;
