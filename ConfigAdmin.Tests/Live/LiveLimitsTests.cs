using System.Net;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ConfigAdmin.Tests.Live;

/// <summary>On real Kestrel (the client's address, and when the response head leaves, are what these tests see).</summary>
public sealed class LiveLimitsHost() : ApiHost(Provider.Sqlite)
{
    protected override bool OnKestrel => true;

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Api:MaxWaitersPerKey", "2");
        builder.UseSetting("Api:MaxWaitersPerAddress", "3");
        // Long enough that only the response head, never a keep-alive comment, can reach a client within the tests' waits.
        builder.UseSetting("Api:StreamHeartbeatSeconds", "120");
    }
}

/// <summary>
/// One key or one address cannot take a node's waiters for itself (429 with Retry-After past its share), and a stream
/// that has nothing to send yet still answers at once.
/// </summary>
[Trait("Category", "Database")]
public sealed class LiveLimitsTests(LiveLimitsHost host) : IClassFixture<LiveLimitsHost>
{
    [Fact]
    public async Task Streams_BeyondTheCapOfOneKeyOrOneAddress_Get429WithRetryAfter()
    {
        var app = A.Name("limits");
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var url = $"/v1/applications/{app}/config/stream?environment=production";
        var (a, b, c) = (await host.ClientForKeyAsync("client"), await host.ClientForKeyAsync("client"), await host.ClientForKeyAsync("client"));
        var responses = new List<HttpResponseMessage>();
        try
        {
            var open = new[] { await OpenAsync(a, url), await OpenAsync(a, url) };
            var thirdOfA = await OpenAsync(a, url);
            var ofB = await OpenAsync(b, url);
            var fourthFromHere = await OpenAsync(c, url);
            responses.AddRange([.. open, thirdOfA, ofB, fourthFromHere]);

            Assert.All([.. open, ofB], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            foreach (var refused in new[] { thirdOfA, fourthFromHere })
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode); // before reading: an admitted stream never ends
                await refused.AssertProblemAsync(429, "rate_limited");
                Assert.NotNull(refused.Headers.RetryAfter);
            }
            var longPoll = await a.LongPollAsync($"/v1/applications/{app}/config?environment=production",
                (await a.GetAsync($"/v1/applications/{app}/config?environment=production")).Headers.ETag!.Tag, seconds: 5);
            responses.Add(longPoll);
            Assert.Equal(HttpStatusCode.TooManyRequests, longPoll.StatusCode);
            await longPoll.AssertProblemAsync(429, "rate_limited");
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }

        // Places are given back when streams close.
        var later = await Eventually.Async(() => OpenAsync(c, url), r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        later.Dispose();
        // Every place back before the next test, which reads from this same address.
        await Eventually.UntilAsync(() => Parked.Waiters(host.Factory.Services) == 0, TimeSpan.FromSeconds(10), "The node still holds streams");
    }

    [Fact]
    public async Task Stream_ResumingAtTheCurrentETag_SendsItsHeadAtOnce()
    {
        var app = A.Name("resume");
        (await host.Client.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        var etag = (await host.Client.GetAsync($"/v1/applications/{app}/config?environment=production")).Headers.ETag!.Tag;
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/applications/{app}/config/stream?environment=production");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", etag);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client, string url) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);

}
