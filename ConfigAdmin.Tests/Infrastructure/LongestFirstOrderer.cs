using ConfigAdmin.Tests.E2E.Infrastructure;
using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("ConfigAdmin.Tests.Infrastructure.LongestFirstOrderer", "ConfigAdmin.Tests")]

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// Starts the browser collections first, the longest work of the suite: two collections run at a time (one per core).
/// xunit's own order, a hash of each collection's name, once left the browser pages' minute and a half to start at
/// minute three, alone (5 m 6 s against 4 m 44 s), and the server-restart test (15–45 s) to start in the suite's last
/// third. Longest first is the classic rule for packing work on few workers; the many short collections fill in
/// behind as xunit schedules them. The load generators stay in xunit's order: started beside the browser pages, they
/// slowed both (dotnet test 3 m 40 s against 3 m 27 s).
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    /// <summary>The collections that take longest, longest first (about 110, 80, 15–45 and 15 s beside the others).</summary>
    private static readonly string[] Longest = [E2EPagesCollection.Name, E2ECollection.Name, RestartCollection.Name, FirstRunCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var i and >= 0 ? i : Longest.Length);
}
