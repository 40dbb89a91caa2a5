using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ConfigAdmin.Core.Webhooks;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// The name resolution of every test host's webhook deliveries: loopback addresses pass, names a test mapped answer
/// what it mapped, and everything else fails without a lookup, so no delivery in a test ever leaves the machine.
/// </summary>
public sealed class LoopbackOnlyResolver : IWebhookResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Makes <paramref name="host"/> resolve to <paramref name="addresses"/> (a test's DNS answer).</summary>
    public void Map(string host, params IPAddress[] addresses) => _names[host] = addresses;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        if (_names.TryGetValue(host, out var mapped)) return Task.FromResult(mapped);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal) && IPAddress.IsLoopback(literal)) return Task.FromResult(new[] { literal });
        throw new SocketException((int)SocketError.HostNotFound, $"'{host}' is not a loopback target; tests contact nothing else.");
    }
}
