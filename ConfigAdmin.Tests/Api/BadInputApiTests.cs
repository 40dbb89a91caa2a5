using System.Net.Http.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Api;

[Trait("Category", "Database")]
public abstract class BadInputApiTests(ApiHost host)
{
    private readonly HttpClient _client = host.Client;

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{name: 'x'}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"name\":\"a\"} trailing")]
    public async Task Post_MalformedJson_Is400MalformedJson(string body)
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/v1/applications", body);

        await response.AssertProblemAsync(400, "malformed_json");
    }

    [Fact]
    public async Task Post_WrongJsonTypes_Is400WithTheField()
    {
        var problem = await (await _client.SendRawAsync(HttpMethod.Post, "/v1/environments", "{\"name\":\"qa\",\"sortOrder\":\"ten\"}"))
            .AssertProblemAsync(400, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("sortOrder", out _));
    }

    [Fact]
    public async Task Post_UnknownEnumValue_Is400WithTheField()
    {
        var app = A.Name();
        await _client.PostJsonAsync("/v1/applications", A.Application(app));

        var problem = await (await _client.SendRawAsync(HttpMethod.Post, "/v1/configs",
            $"{{\"application\":\"{app}\",\"key\":\"K\",\"valueType\":\"colour\",\"defaultValue\":\"x\"}}"))
            .AssertProblemAsync(400, "validation_failed");

        Assert.True(problem.GetProperty("errors").TryGetProperty("valueType", out _));
    }

    [Fact]
    public async Task Post_DuplicateJsonProperty_Is400()
    {
        var response = await _client.SendRawAsync(HttpMethod.Post, "/v1/environments", "{\"name\":\"qa1\",\"name\":\"qa2\"}");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_MissingBody_Is400()
    {
        var response = await _client.PostAsync("/v1/applications", null);

        Assert.True((int)response.StatusCode is 400 or 415, $"got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_NotJson_Is415_SayingWhatToSend()
    {
        // A JSON body parameter refuses it as the handler binds; an endpoint that lists application/json, in routing.
        foreach (var (url, body, type) in new[]
                 {
                     ("/v1/applications", "name=x", "application/x-www-form-urlencoded"), ("/v1/applications", "<app/>", "text/xml"),
                     ("/v1/applications/nope/restore", """{"at":"2026-01-01T00:00:00Z"}""", "application/x-www-form-urlencoded"),
                 })
        {
            var problem = await (await _client.SendRawAsync(HttpMethod.Post, url, body, type)).AssertProblemAsync(415, "unsupported_media_type");
            Assert.Contains("Content-Type: application/json", problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Post_BodyOver1MiB_Is413()
    {
        var huge = new { name = "big", description = new string('x', 1024 * 1024 + 10), owner = "o", contactEmail = "a@b.cd" };

        await (await _client.PostJsonAsync("/v1/applications", huge)).AssertProblemAsync(413, "payload_too_large");

        var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/applications")
        {
            Content = new StreamContent(new MemoryStream(new byte[1024 * 1024 + 1])),
        };
        chunked.Content.Headers.ContentType = new("application/json");
        chunked.Headers.TransferEncodingChunked = true;
        await (await _client.SendAsync(chunked)).AssertProblemAsync(413, "payload_too_large");
    }

    [Fact]
    public async Task UnknownRoutesAndIds_Are404Problems()
    {
        await (await _client.GetAsync("/v1/configs/not-a-guid")).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync($"/v1/configs/{Guid.NewGuid()}")).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync("/v1/nothing-here")).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync("/v1/environments/nowhere")).AssertProblemAsync(404, "not_found");
    }

    [Fact]
    public async Task XActorHeader_IsIgnored_EvenWhenItWouldNotFit()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/applications")
        {
            Content = System.Net.Http.Json.JsonContent.Create(A.Application(), options: ApiHost.Json),
        };
        request.Headers.Add("X-Actor", new string('a', 201));

        Assert.Equal(System.Net.HttpStatusCode.Created, (await _client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("/v1/applications")]
    [InlineData("/v1/configs")]
    [InlineData("/v1/environments")]
    [InlineData("/v1/audit")]
    public async Task Paging_AHugePageNumberIs400_AndAPageBeyondTheEndIsEmpty(string list)
    {
        await (await _client.GetAsync($"{list}?page=2147483647")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync($"{list}?page=1000001")).AssertProblemAsync(400, "validation_failed");

        var beyond = await (await _client.GetAsync($"{list}?page=1000000&pageSize=500")).JsonAsync();

        Assert.Empty(beyond.GetProperty("items").EnumerateArray());
        Assert.Equal(1_000_000, beyond.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Names_WithATrailingNewline_Are400NotA500()
    {
        var environment = await _client.PostJsonAsync("/v1/environments", new { name = "qa\n", description = "look-alike" });
        var application = await _client.PostJsonAsync("/v1/applications", A.Application("nl-app\n"));

        (await environment.AssertProblemAsync(400, "validation_failed")).GetProperty("errors").GetProperty("name");
        (await application.AssertProblemAsync(400, "validation_failed")).GetProperty("errors").GetProperty("name");
    }

    [Fact]
    public async Task Audit_BadFilters_Are400()
    {
        await (await _client.GetAsync("/v1/audit?action=exploded")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync("/v1/audit?from=yesterday")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync("/v1/audit?from=2026-02-01&to=2026-01-01")).AssertProblemAsync(400, "validation_failed");
        await (await _client.GetAsync("/v1/audit?pageSize=1000")).AssertProblemAsync(400, "validation_failed");
    }
}

public sealed class BadInputApiTestsOnSqlite(SqliteApiHost host) : BadInputApiTests(host), IClassFixture<SqliteApiHost>;

public sealed class BadInputApiTestsOnPostgres(PostgresApiHost host) : BadInputApiTests(host), IClassFixture<PostgresApiHost>;
