using ConfigAdmin.Tests.E2E.Infrastructure;
using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("ConfigAdmin.Tests.Infrastructure.LongestFirstOrderer", "ConfigAdmin.Tests")]

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Starts the longest collections first, the browser collections and the server restart: two collections run at a time
/// (one per core), and xunit's own order (a hash of each collection's name) can leave the longest to start late and
/// run alone at the end. Longest first is the classic rule for packing work on few workers; the many short collections
/// fill in behind as xunit schedules them. The load generators stay in xunit's order: beside the browser pages they
/// slow both (docs/benchmarks.md, "The test suite's time").
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    /// <summary>The collections that take longest, longest first (about 110, 80, 15–45 and 15 s beside the others).</summary>
    private static readonly string[] Longest = [E2EPagesCollection.Name, E2ECollection.Name, RestartCollection.Name, FirstRunCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length);
}
