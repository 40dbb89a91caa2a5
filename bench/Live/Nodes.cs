using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bench.Live;

/// <summary>What every mode does to a node: clients, the ETag of a read, one override write, the diagnostics.</summary>
public static class Nodes
{
    public static HttpClient Client(Uri node, string key) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    })
    {
        BaseAddress = node,
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    public static async Task<string> ETagAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    /// <summary>A long poll for a document other than <paramref name="etag"/>: the status and when its answer arrived.</summary>
    public static async Task<(int Status, long At)> LongPollAsync(HttpClient client, string path, string etag, int waitSeconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        request.Headers.TryAddWithoutValidation("Prefer", $"wait={waitSeconds}");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var at = Stopwatch.GetTimestamp();
        await response.Content.LoadIntoBufferAsync();
        return ((int)response.StatusCode, at);
    }

    /// <summary>The id of an integer key of the application, to write new values to.</summary>
    public static async Task<Guid> IntegerKeyAsync(HttpClient admin, string application)
    {
        using var page = JsonDocument.Parse(await admin.GetStringAsync($"/v1/configs?application={application}&pageSize=500"));
        return page.RootElement.GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("valueType").GetString() == "integer").GetProperty("id").GetGuid();
    }

    public static async Task<string> KeyNameAsync(HttpClient admin, Guid id)
    {
        using var key = JsonDocument.Parse(await admin.GetStringAsync($"/v1/configs/{id}"));
        return key.RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Writes an override and answers when its response arrived.</summary>
    public static async Task<long> WriteAsync(HttpClient admin, Guid id, string environment, long value)
    {
        using var response = await admin.PutAsJsonAsync($"/v1/configs/{id}/overrides/{environment}", new { value = value.ToString() });
        var at = Stopwatch.GetTimestamp();
        response.EnsureSuccessStatusCode();
        return at;
    }

    /// <summary>The node's live managed heap after a full GC and its parked waiters (needs <c>Bench:Diagnostics</c>).</summary>
    public static async Task<(long HeapBytes, int Waiters)> HeapAsync(HttpClient admin)
    {
        using var heap = JsonDocument.Parse(await admin.GetStringAsync("/_bench/heap"));
        return (heap.RootElement.GetProperty("heapBytes").GetInt64(), heap.RootElement.GetProperty("waiters").GetInt32());
    }

    /// <summary>Resident memory of a process, from /proc (0 when no pid was given).</summary>
    public static long RssBytes(int pid)
    {
        if (pid == 0) return 0;
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public static double Ms(long from, long to) => Math.Max(0, Stopwatch.GetElapsedTime(from, to).TotalMilliseconds);
}
