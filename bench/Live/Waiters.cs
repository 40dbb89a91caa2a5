using System.Diagnostics;

namespace Bench.Live;

/// <summary>
/// N long polls parked on one node: the node's heap and resident memory per waiter, then one write to the document
/// they wait on and the delay from that write's response to each waiter's 200. With <c>--url-b</c>, N on each of two
/// nodes (raw client) and the write through the first: the delay to every waiter on both.
/// </summary>
public static class Waiters
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        using var admin = Nodes.Client(o.Url, o.AdminKey);
        using var reader = Nodes.Client(o.Url, o.ReadKey);
        var id = await Nodes.IntegerKeyAsync(admin, o.Application);
        var etag = await Nodes.ETagAsync(reader, o.ReadPath);
        var (heapBefore, _) = await Nodes.HeapAsync(admin);
        var rssBefore = Nodes.RssBytes(o.ServerPid);

        var nodes = o.UrlB == o.Url ? new[] { o.Url } : [o.Url, o.UrlB];
        var polls = new Task<(int Status, long At, DateTime? Arrived)>[o.N * nodes.Length];
        for (var i = 0; i < polls.Length; i++)
        {
            polls[i] = o.WaiterClient == "http" && nodes.Length == 1 ? HttpLongPollAsync(reader, o.ReadPath, etag)
                : RawLongPollAsync(o, nodes[i / o.N], etag, 120);
            if (i % 250 == 249) await Task.Delay(25); // stay inside the listen backlog while connecting
        }
        var parked = 0;
        foreach (var node in nodes)
        {
            using var nodeAdmin = Nodes.Client(node, o.AdminKey);
            parked += await WaitParkedAsync(nodeAdmin, o.N);
        }
        var rssAfter = Nodes.RssBytes(o.ServerPid);
        var (heapAfter, _) = await Nodes.HeapAsync(admin);
        Console.WriteLine($"waiters parked: {parked} of {polls.Length}{(nodes.Length > 1 ? $" ({o.N} on each of two nodes; memory below is node A's, with its {o.N})" : "")}");
        Console.WriteLine($"managed heap per waiter: {(heapAfter - heapBefore) / (double)o.N / 1024:F1} KiB " +
                          $"({heapBefore / 1048576.0:F1} -> {heapAfter / 1048576.0:F1} MiB)");
        if (o.ServerPid != 0)
            Console.WriteLine($"resident memory per waiter: {(rssAfter - rssBefore) / (double)o.N / 1024:F1} KiB " +
                              $"({rssBefore / 1048576.0:F0} -> {rssAfter / 1048576.0:F0} MiB)");

        if (o.ParkedFile is not null) await File.WriteAllTextAsync(o.ParkedFile, "parked");
        while (o.GoFile is not null && !File.Exists(o.GoFile)) await Task.Delay(100);
        if (polls.FirstOrDefault(p => p.IsCompleted) is { } early)
            Console.WriteLine($"a long poll ended before the write: {(early.IsFaulted ? early.Exception!.GetBaseException().Message : early.Result.Status)}");

        var written = await Nodes.WriteAsync(admin, id, o.Environment, Random.Shared.NextInt64(1, long.MaxValue / 2));
        var writtenUtc = DateTime.UtcNow;
        var done = await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var socket in Open) socket.Dispose();
        var ok = done.Count(d => d.Status == 200);
        if (nodes.Length > 1)
        {
            foreach (var (node, label) in new[] { (0, "A (took the write)"), (1, "B (followed the change record)") })
            {
                var onNode = done.Skip(node * o.N).Take(o.N).Where(d => d.Status == 200 && d.Arrived is not null)
                    .Select(d => Math.Max(0, (d.Arrived!.Value - writtenUtc).TotalMilliseconds)).ToList();
                Console.WriteLine($"  arrival at the socket on node {label}: {Stats.Summary(onNode)}");
            }
        }
        Console.WriteLine($"answers after the write: {ok} x 200, {done.Length - ok} other");
        Console.WriteLine($"delay from the write's response to each 200 ({o.WaiterClient} client): {Stats.Summary(done.Where(d => d.Status == 200).Select(d => Nodes.Ms(written, d.At)).ToList())}");
        var arrivals = done.Where(d => d.Status == 200 && d.Arrived is not null).Select(d => Math.Max(0, (d.Arrived!.Value - writtenUtc).TotalMilliseconds)).ToList();
        if (arrivals.Count > 0)
            Console.WriteLine($"delay from the write's response to each 200's arrival at its socket (kernel timestamp, {arrivals.Count} answers): {Stats.Summary(arrivals)}");
        return ok == polls.Length ? 0 : 1;
    }

    private static async Task<(int Status, long At, DateTime? Arrived)> HttpLongPollAsync(HttpClient reader, string path, string etag)
    {
        var (status, at) = await Nodes.LongPollAsync(reader, path, etag, 120);
        return (status, at, null);
    }

    /// <summary>
    /// One long poll on its own kept-alive connection, as a client library holds it: the request written as prepared
    /// bytes, the answer's arrival noted when its first bytes come (the status line), then read to its Content-Length.
    /// The connection stays open until every waiter has its answer (<see cref="Open"/>), so no connection's teardown
    /// competes with the answers still being written.
    /// </summary>
    private static async Task<(int Status, long At, DateTime? Arrived)> RawLongPollAsync(BenchOptions o, Uri node, string etag, int waitSeconds)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)
        {
            NoDelay = true,
        };
        Open.Add(socket);
        await socket.ConnectAsync(node.Host, node.Port);
        var request = System.Text.Encoding.ASCII.GetBytes(
            $"GET {o.ReadPath} HTTP/1.1\r\nHost: {node.Authority}\r\nAuthorization: Bearer {o.ReadKey}\r\n" +
            $"If-None-Match: {etag}\r\nPrefer: wait={waitSeconds}\r\n\r\n");
        ArrivalClock.Enable(socket);
        await socket.SendAsync(request);
        // A zero-byte read waits for the answer without holding a buffer (as Kestrel's own reads do); the kernel's note
        // of its arrival is read before anything else, then the time this process got to it.
        await socket.ReceiveAsync(Memory<byte>.Empty);
        var arrived = ArrivalClock.Peek(socket);
        var at = Stopwatch.GetTimestamp();
        var buffer = new byte[16384];
        var received = await socket.ReceiveAsync(buffer);
        // "HTTP/1.1 200 OK": the status code is characters 9 to 11.
        var status = received >= 12 && int.TryParse(buffer.AsSpan(9, 3), out var code) ? code : 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8)) < 0 && received < buffer.Length)
        {
            var more = await socket.ReceiveAsync(buffer.AsMemory(received));
            if (more == 0) return (status, at, arrived);
            received += more;
        }
        var headers = System.Text.Encoding.ASCII.GetString(buffer, 0, Math.Max(headerEnd, 0));
        var length = headers.Split("\r\n").Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => long.Parse(h[1].Trim())).FirstOrDefault();
        for (var body = received - headerEnd - 4L; body < length;)
        {
            var more = await socket.ReceiveAsync(buffer);
            if (more == 0) break;
            body += more;
        }
        return (status, at, arrived);
    }

    /// <summary>The raw waiters' connections, closed once every answer is in.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<System.Net.Sockets.Socket> Open = [];

    private static async Task<int> WaitParkedAsync(HttpClient admin, int n)
    {
        var clock = Stopwatch.StartNew();
        var waiters = 0;
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(1000);
            (_, waiters) = await Nodes.HeapAsync(admin);
            if (waiters >= n) break;
        }
        await Task.Delay(2000); // let connection set-up garbage settle before weighing
        return waiters;
    }
}
