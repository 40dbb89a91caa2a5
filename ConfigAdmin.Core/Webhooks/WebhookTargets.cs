using System.Net;
using System.Net.Sockets;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Webhooks;

/// <summary>
/// Where webhooks may send (the SSRF guard): never to a loopback, link-local, private or otherwise internal address,
/// unless <c>Webhooks:AllowPrivateTargets</c> is set. A URL naming such an address is refused when registered; a host
/// name is resolved at each connection and an internal answer is not contacted.
/// </summary>
public static class WebhookTargets
{
    /// <summary>True for an address a webhook must not reach: loopback, link-local, private, shared (CGNAT), unspecified, multicast, broadcast.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,          // 100.64.0.0/10, shared address space
                169 => b[1] == 254,                      // link-local, cloud metadata
                172 => b[1] is >= 16 and <= 31,
                192 => b[1] == 168,
                >= 224 => true,                          // multicast, reserved, broadcast
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || address.IsIPv6UniqueLocal) return true;
            var b = address.GetAddressBytes();
            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) forms carry an IPv4 address: judge that one.
            if (b.Take(12).All(x => x == 0)) return IsInternal(new IPAddress(b[12..]));
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0)) return IsInternal(new IPAddress(b[12..]));
            return false;
        }
        return true;
    }

    /// <summary>True when the URL's host is itself internal: an internal address literal, or <c>localhost</c>.</summary>
    public static bool NamesInternalHost(Uri url)
    {
        var host = url.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsInternal(address);
    }
}

/// <summary>Turns a host name into addresses for a delivery; tests replace it so no name is ever looked up beyond them.</summary>
public interface IWebhookResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

/// <summary>A webhook URL on an internal address, refused when registered (400 <c>webhook_target_forbidden</c>).</summary>
public sealed class WebhookTargetForbiddenException(string url)
    : DomainException(ErrorCodes.WebhookTargetForbidden,
        $"'{url}' is on a loopback, link-local or private address; webhooks may not send there " +
        "(set Webhooks:AllowPrivateTargets to allow it).");
