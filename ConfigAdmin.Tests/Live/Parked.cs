using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Web.Api;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Live;

/// <summary>Waits for the event a long-poll test needs before it writes: the node holds one more waiter.</summary>
public static class Parked
{
    /// <summary>The node's waiters now, to pass to <see cref="OneMoreAsync"/> after starting a poll.</summary>
    public static int Waiters(IServiceProvider node) => node.GetRequiredService<LiveWaiters>().Count;

    /// <summary>Completes once the node holds more waiters than <paramref name="before"/>: the poll started since is parked.</summary>
    public static Task OneMoreAsync(IServiceProvider node, int before) =>
        Eventually.UntilAsync(() => Waiters(node) > before, TimeSpan.FromSeconds(5), "The long poll was never held");
}
