using System.Net.Http.Headers;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace ConfigAdmin.Tests.Live;

/// <summary>An API host whose waits are short enough to test: long polls capped at 5 s, a stream comment every second.</summary>
public abstract class LiveHost(Provider provider) : ApiHost(provider)
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Api:MaxWaitSeconds", "5");
        builder.UseSetting("Api:StreamHeartbeatSeconds", "1");
    }
}

public sealed class SqliteLiveHost() : LiveHost(Provider.Sqlite);

public sealed class PostgresLiveHost() : LiveHost(Provider.Postgres);

public static class LiveRequests
{
    /// <summary>A long poll: the ETag the caller has, and how long it will wait for another.</summary>
    public static Task<HttpResponseMessage> LongPollAsync(this HttpClient client, string url, string etag, int seconds, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        request.Headers.TryAddWithoutValidation("Prefer", $"wait={seconds}");
        return client.SendAsync(request, ct);
    }

    public static async Task<string> ETagAsync(this HttpClient client, string url) =>
        (await client.GetAsync(url)).Headers.ETag!.Tag;
}

/// <summary>Reads server-sent events as they come: whole events (lines up to a blank line), comments included.</summary>
public sealed class EventReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public static async Task<EventReader> OpenAsync(HttpClient client, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null) request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/event-stream"), response.Content.Headers.ContentType);
        return new EventReader(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The next event's lines, or null when nothing comes within <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<string>?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var lines = new List<string>();
        try
        {
            while (await _reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.Length == 0 && lines.Count > 0) return lines;
                if (line.Length > 0) lines.Add(line);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        return lines.Count > 0 ? lines : null;
    }

    /// <summary>True when the server ends the stream within <paramref name="timeout"/> (whatever it sent before).</summary>
    public async Task<bool> EndedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (await _reader.ReadLineAsync(cts.Token) is not null)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _reader.Dispose();
}
