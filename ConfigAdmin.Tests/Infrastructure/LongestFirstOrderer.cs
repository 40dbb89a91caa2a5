using ConfigAdmin.Tests.E2E.Infrastructure;
using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("ConfigAdmin.Tests.Infrastructure.LongestFirstOrderer", "ConfigAdmin.Tests")]

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Starts the two browser collections first, the longest work of the suite: two collections run at a time (one per
/// core), and xunit's own order, a hash of each collection's name, once left the browser pages' minute and a half to
/// start at minute three, alone (5 m 6 s against 4 m 44 s). Longest first is the classic rule for packing work on
/// few workers; the many short collections fill in behind as xunit schedules them.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    /// <summary>The collections that take longest, longest first (about 130 and 110 s beside each other).</summary>
    private static readonly string[] Longest = [E2EPagesCollection.Name, E2ECollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length);
}
