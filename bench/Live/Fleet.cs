using System.Collections.Concurrent;
using System.Diagnostics;
using ConfigAdmin.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Bench.Live;

/// <summary>
/// N ConfigAdmin.Client providers in this process, each with its own connection and long poll, as N app instances
/// would have: then writes, and the delay from each write's response until every provider shows the new value. With
/// <c>--url-b</c>, N providers on each of two nodes and the writes through the first: the delay to every instance on both.
/// </summary>
public static class Fleet
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        using var admin = Nodes.Client(o.Url, o.AdminKey);
        var id = await Nodes.IntegerKeyAsync(admin, o.Application);
        var key = await Nodes.KeyNameAsync(admin, id);
        var clock = Stopwatch.StartNew();
        var roots = await LoadAsync(o);
        Console.WriteLine($"{roots.Length} providers loaded in {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(TimeSpan.FromSeconds(3)); // every provider's long poll parked

        var delays = new List<(int Node, double Ms)>();
        var rounds = Math.Min(o.Rounds, 20);
        for (var round = 0; round < rounds; round++)
        {
            var value = Random.Shared.NextInt64(1, long.MaxValue / 2).ToString();
            var seen = new ConcurrentBag<(int Node, long At)>();
            var subscriptions = roots.Select((root, i) => Watch(root, NodeOf(o, i), key, value, seen)).ToList();
            var written = await Nodes.WriteAsync(admin, id, o.Environment, long.Parse(value));
            var deadline = Stopwatch.StartNew();
            while (seen.Count < roots.Length && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
            subscriptions.ForEach(s => s.Dispose());
            if (seen.Count < roots.Length) Console.WriteLine($"round {round}: {roots.Length - seen.Count} providers did not reload in 30 s");
            delays.AddRange(seen.Select(s => (s.Node, Nodes.Ms(written, s.At))));
            await Task.Delay(500);
        }
        Console.WriteLine($"write -> every provider reloaded ({rounds} writes x {roots.Length} providers): {Stats.Summary(delays.Select(d => d.Ms).ToList())}");
        if (TwoNodes(o))
        {
            Console.WriteLine($"  providers on node A (took the writes): {Stats.Summary(delays.Where(d => d.Node == 0).Select(d => d.Ms).ToList())}");
            Console.WriteLine($"  providers on node B (followed the change record): {Stats.Summary(delays.Where(d => d.Node == 1).Select(d => d.Ms).ToList())}");
        }
        foreach (var root in roots) (root as IDisposable)?.Dispose();
        return delays.Count == rounds * roots.Length ? 0 : 1;
    }

    private static async Task<IConfigurationRoot[]> LoadAsync(BenchOptions o)
    {
        var roots = new IConfigurationRoot[o.N * (TwoNodes(o) ? 2 : 1)];
        await Parallel.ForAsync(0, roots.Length, new ParallelOptions { MaxDegreeOfParallelism = 32 }, (i, _) =>
        {
            roots[i] = new ConfigurationBuilder().AddConfigAdmin(c =>
            {
                c.ServerUrl = NodeOf(o, i) == 0 ? o.Url : o.UrlB;
                c.Application = o.Application;
                c.Environment = o.Environment;
                c.ApiKey = o.ReadKey;
                c.StartupTimeout = TimeSpan.FromSeconds(60);
            }).Build();
            return ValueTask.CompletedTask;
        });
        return roots;
    }

    private static bool TwoNodes(BenchOptions o) => o.UrlB != o.Url;

    /// <summary>Provider i's node: the first N on node A, the next N on node B.</summary>
    private static int NodeOf(BenchOptions o, int i) => i < o.N ? 0 : 1;

    /// <summary>Notes the first moment a provider's configuration holds the new value (a reload fires its token).</summary>
    private static IDisposable Watch(IConfigurationRoot root, int node, string key, string value, ConcurrentBag<(int, long)> seen)
    {
        var noted = 0;
        return ChangeToken.OnChange(root.GetReloadToken, () =>
        {
            if (root[key] == value && Interlocked.Exchange(ref noted, 1) == 0) seen.Add((node, Stopwatch.GetTimestamp()));
        });
    }
}
