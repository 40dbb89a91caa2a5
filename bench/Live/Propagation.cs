using System.Diagnostics;

namespace Bench.Live;

/// <summary>
/// Two nodes on one PostgreSQL: a long poll parked on B, a write through A; the delay from A's response to B's 200,
/// and to the first plain read on B that returns the new document. Repeated <c>--rounds</c> times.
/// </summary>
public static class Propagation
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        using var adminA = Nodes.Client(o.Url, o.AdminKey);
        using var readerB = Nodes.Client(o.UrlB, o.ReadKey);
        var id = await Nodes.IntegerKeyAsync(adminA, o.Application);
        var toLongPoll = new List<double>();
        var toPlainRead = new List<double>();
        for (var round = 0; round < o.Rounds; round++)
        {
            var etag = await Nodes.ETagAsync(readerB, o.ReadPath);
            var poll = Nodes.LongPollAsync(readerB, o.ReadPath, etag, 30);
            await Task.Delay(20); // parked on B before the write
            var written = await Nodes.WriteAsync(adminA, id, o.Environment, round + Random.Shared.NextInt64(1, 1L << 40));
            var plainAt = await FirstNewReadAsync(readerB, o.ReadPath, etag);
            var (status, at) = await poll;
            if (status != 200) throw new InvalidOperationException($"round {round}: the long poll on B answered {status}");
            toLongPoll.Add(Nodes.Ms(written, at));
            toPlainRead.Add(Nodes.Ms(written, plainAt));
        }
        Console.WriteLine($"write on A -> long poll on B answers 200: {Stats.Summary(toLongPoll)}");
        Console.WriteLine($"write on A -> plain read on B is new:     {Stats.Summary(toPlainRead)}");
        return 0;
    }

    private static async Task<long> FirstNewReadAsync(HttpClient reader, string path, string old)
    {
        while (true)
        {
            if (await Nodes.ETagAsync(reader, path) != old) return Stopwatch.GetTimestamp();
            await Task.Delay(1);
        }
    }
}
