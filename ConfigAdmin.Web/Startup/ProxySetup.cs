using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ConfigAdmin.Web.Startup;

/// <summary>
/// The <c>Proxy</c> configuration section: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed, so rate limits, logs and cookies see the real client and scheme. A proxy on
/// this machine (loopback) is believed without configuration; nobody else is unless named here.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Addresses of proxies in front of ConfigAdmin, e.g. <c>["10.0.0.5"]</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of proxies in front of ConfigAdmin (CIDR), e.g. <c>["10.0.0.0/24"]</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies a request passes (entries of <c>X-Forwarded-For</c> taken from the right).</summary>
    public int ForwardLimit { get; set; } = 1;
}

public static class ProxySetup
{
    public static IServiceCollection AddConfigAdminProxy(this IServiceCollection services, IConfiguration configuration)
    {
        // Parsed here, so a wrong entry stops the start with a message rather than the first request.
        var proxy = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var proxies = proxy.KnownProxies
            .Select(a => IPAddress.TryParse(a.Trim(), out var ip) ? ip : throw Invalid("Proxy:KnownProxies", a, "an address")).ToList();
        var networks = proxy.KnownNetworks
            .Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var range) ? range
                : throw Invalid("Proxy:KnownNetworks", n, "an address range such as 10.0.0.0/24")).ToList();
        if (proxy.ForwardLimit < 1) throw Invalid("Proxy:ForwardLimit", proxy.ForwardLimit.ToString(), "at least 1");
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxy.ForwardLimit;
            foreach (var ip in proxies) o.KnownProxies.Add(ip);
            foreach (var range in networks) o.KnownIPNetworks.Add(range);
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>
    /// Before anything that looks at the client's address or the scheme; HSTS on HTTPS answers outside Development (a
    /// browser that once reached ConfigAdmin over HTTPS never tries plain HTTP again).
    /// </summary>
    public static WebApplication UseConfigAdminProxy(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        return app;
    }

    private static InvalidOperationException Invalid(string setting, string text, string what) =>
        new($"{setting}: '{text}' is not {what}.");
}
