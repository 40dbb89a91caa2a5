using System.Diagnostics;
using System.Net;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Live;

/// <summary>Long polls and event streams on one node (design §8), on both providers.</summary>
[Trait("Category", "Database")]
public abstract class LiveConfigTests(LiveHost host)
{
    private readonly HttpClient _client = host.Client;

    [Fact]
    public async Task LongPoll_WithNothingChanging_Answers304WhenTheWaitIsOver_SayingItWaited()
    {
        var (url, _) = await NewKeyAsync();
        var etag = await _client.ETagAsync(url);
        var clock = Stopwatch.StartNew();

        var response = await _client.LongPollAsync(url, etag, seconds: 1);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0.9, 4);
        Assert.Equal("wait=1", response.Headers.GetValues("Preference-Applied").Single());
        Assert.Equal(etag, response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task LongPoll_AChangeToItsDocument_WakesItWithTheNewDocumentWithinASecond()
    {
        var (url, id) = await NewKeyAsync();
        var etag = await _client.ETagAsync(url);
        var waiters = Parked.Waiters(host.Factory.Services);
        var poll = _client.LongPollAsync(url, etag, seconds: 5);
        await Parked.OneMoreAsync(host.Factory.Services, waiters);
        Assert.False(poll.IsCompleted);

        var clock = Stopwatch.StartNew();
        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "new" })).EnsureSuccessStatusCode();
        var response = await poll;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(clock.Elapsed.TotalSeconds, 0, 1);
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        Assert.Equal("""{"Mode":"new"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("wait=5", response.Headers.GetValues("Preference-Applied").Single());
    }

    [Fact]
    public async Task LongPoll_ChangesToAnotherEnvironmentOrApplication_WakeNobody()
    {
        var (url, id) = await NewKeyAsync();
        var (_, otherApp) = await NewKeyAsync();
        var etag = await _client.ETagAsync(url);
        var clock = Stopwatch.StartNew();
        var poll = _client.LongPollAsync(url, etag, seconds: 2);

        await _client.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = "staging only" });
        await _client.PutJsonAsync($"/v1/configs/{otherApp}/overrides/production", new { value = "other app" });
        var response = await poll;

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.9, 5);
    }

    [Fact]
    public async Task LongPoll_IsCappedByMaxWaitSeconds_AndWithoutPreferTheReadAnswersAtOnce()
    {
        var (url, _) = await NewKeyAsync();
        var etag = await _client.ETagAsync(url);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var clock = Stopwatch.StartNew();

        var plain = await _client.SendAsync(request);
        var capped = await _client.LongPollAsync(url, etag, seconds: 500);

        Assert.Equal(HttpStatusCode.NotModified, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Preference-Applied"));
        Assert.Equal("wait=5", capped.Headers.GetValues("Preference-Applied").Single());
        Assert.InRange(clock.Elapsed.TotalSeconds, 4.5, 9);
    }

    [Fact]
    public async Task LongPoll_OfAKeyRevokedWhileItWaits_EndsWith401()
    {
        var (url, _) = await NewKeyAsync();
        var created = await (await _client.PostJsonAsync("/v1/api-keys", new { name = A.Name("poller"), role = "client", applications = new[] { "*" } })).JsonAsync();
        var poller = host.ClientWith(created.GetProperty("secret").GetString());
        var etag = await poller.ETagAsync(url);
        var waiters = Parked.Waiters(host.Factory.Services);
        var poll = poller.LongPollAsync(url, etag, seconds: 5);
        await Parked.OneMoreAsync(host.Factory.Services, waiters);

        await _client.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}");

        var response = await poll.WaitAsync(TimeSpan.FromSeconds(2));
        await response.AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task Stream_SendsTheDocumentAtOnce_ThenEachChange_AndKeepAliveComments()
    {
        var (url, id) = await NewKeyAsync();
        var etag = await _client.ETagAsync(url);
        using var events = await EventReader.OpenAsync(_client, url.Replace("/config?", "/config/stream?"));

        var first = await events.NextAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(["event: config", $"id: {etag}", """data: {"Mode":"default"}"""], first);
        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "streamed" })).EnsureSuccessStatusCode();
        var second = await events.NextAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("""data: {"Mode":"streamed"}""", second![2]);
        Assert.Equal($"id: {await _client.ETagAsync(url)}", second[1]);
        var comment = await events.NextAsync(TimeSpan.FromSeconds(3));
        Assert.Equal([": keep-alive"], comment);
    }

    [Fact]
    public async Task Stream_WithLastEventIdOfTheCurrentDocument_SkipsTheFirstEvent_AndExplainWorks()
    {
        var (url, id) = await NewKeyAsync();
        var explainUrl = url + "&explain=true";
        var etag = await _client.ETagAsync(explainUrl);
        using var events = await EventReader.OpenAsync(_client, explainUrl.Replace("/config?", "/config/stream?"), lastEventId: etag);

        Assert.Equal([": keep-alive"], await events.NextAsync(TimeSpan.FromSeconds(3)));
        await _client.PutJsonAsync($"/v1/configs/{id}/overrides/production", new { value = "explained" });
        var change = await events.NextAsync(TimeSpan.FromSeconds(2));
        Assert.Equal("""data: {"Mode":{"value":"explained","source":"production"}}""", change![2]);
    }

    [Fact]
    public async Task Stream_ForAnUnknownApplication_Is404_AndWithoutEnvironment400()
    {
        await (await _client.GetAsync("/v1/applications/nope/config/stream?environment=production")).AssertProblemAsync(404, "not_found");
        await (await _client.GetAsync("/v1/applications/nope/config/stream")).AssertProblemAsync(400, "validation_failed");
        await (await host.ClientWith(null).GetAsync("/v1/applications/nope/config/stream?environment=production")).AssertProblemAsync(401, "unauthenticated");
    }

    [Fact]
    public async Task ChangeRecord_IsWrittenWithTheWrite_AndAFailedWriteLeavesNone()
    {
        var (_, id) = await NewKeyAsync();
        await using var db = await host.Database.OpenRawAsync();
        var before = await db.ScalarAsync<long>("SELECT COUNT(*) FROM changes");

        (await _client.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = "recorded" })).EnsureSuccessStatusCode();
        var stale = await _client.SendJsonAsync(HttpMethod.Put, $"/v1/configs/{id}/overrides/staging", new { value = "late" }, ifMatch: "\"1\"");
        var invalid = await _client.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = (string?)null });

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(before + 1, await db.ScalarAsync<long>("SELECT COUNT(*) FROM changes"));
        var latest = await db.ScalarAsync<string>("SELECT \"Kind\" || ':' || \"Environments\" FROM changes ORDER BY \"Revision\" DESC LIMIT 1");
        Assert.Equal("Values:staging", latest);
    }

    /// <summary>An application with one key (Mode=default) and its client-read URL in production.</summary>
    private async Task<(string Url, string ConfigId)> NewKeyAsync()
    {
        var app = A.Name();
        (await _client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var config = await (await _client.PostJsonAsync("/v1/configs", A.Config(app, "Mode", defaultValue: "default"))).JsonAsync();
        return ($"/v1/applications/{app}/config?environment=production", config.GetProperty("id").GetString()!);
    }
}

public sealed class LiveConfigTestsOnSqlite(SqliteLiveHost host) : LiveConfigTests(host), IClassFixture<SqliteLiveHost>;

public sealed class LiveConfigTestsOnPostgres(PostgresLiveHost host) : LiveConfigTests(host), IClassFixture<PostgresLiveHost>;
