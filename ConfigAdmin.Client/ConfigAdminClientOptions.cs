using Microsoft.Extensions.Logging;

namespace ConfigAdmin.Client;

/// <summary>
/// Where the ConfigAdmin configuration provider reads from and how it behaves when the server is away.
/// Read once, when the configuration source is built.
/// </summary>
public sealed class ConfigAdminClientOptions
{
    /// <summary>The ConfigAdmin server's base address, e.g. <c>https://config.example.com</c> (a path base is kept). Required.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>The application whose configuration to load, as named in ConfigAdmin (matched ignoring case). Required.</summary>
    public string? Application { get; set; }

    /// <summary>The environment to resolve for, e.g. <c>production</c>. Required.</summary>
    public string? Environment { get; set; }

    /// <summary>
    /// Allows a plain <c>http://</c> <see cref="ServerUrl"/> on another machine. Off by default: over plain HTTP the API
    /// key and every secret value cross the network in clear. <c>http://</c> to this machine (loopback) is always allowed.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// This instance's id: sent in the <c>ConfigAdmin-Client</c> header with every read and in its health reports, and the
    /// id a rollout's canary list names (a pod or host name is a good choice). 1-100 visible ASCII characters without
    /// <c>; , = " \</c>. <see langword="null"/> (default): a new GUID for each provider.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>A ConfigAdmin API key (role <c>client</c> is enough), sent as <c>Authorization: Bearer</c>. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The last-known-good copy of the configuration: rewritten (atomically, readable by the owner only) after each
    /// document the client accepts, and used at start when the server cannot be reached. A relative path is taken from
    /// the current directory. <see langword="null"/> (default): no cache.
    /// </summary>
    /// <remarks>The file holds the application's secret values in clear; keep it out of shared folders and images.</remarks>
    public string? CacheFile { get; set; }

    /// <summary>
    /// How long the first load may take (retries included) before the client falls back to <see cref="CacheFile"/>,
    /// to an empty configuration (<see cref="Optional"/>) or fails. Default 10 seconds.
    /// </summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When <see langword="true"/>, an unreachable server without a usable cache file is not an error: the app starts
    /// without these values and they appear, with a reload, once the server answers. Default <see langword="false"/>.
    /// A refusal by the server (401, 403, 404) still fails the load: that is a configuration mistake, not an outage.
    /// </summary>
    public bool Optional { get; set; }

    /// <summary>
    /// Called when the first load fails (as <c>FileConfigurationSource.OnLoadException</c> is); set
    /// <see cref="ConfigAdminLoadExceptionContext.Ignore"/> to start without these values and keep trying in the background.
    /// Not called for background reloads, which never throw.
    /// </summary>
    public Action<ConfigAdminLoadExceptionContext>? OnLoadException { get; set; }

    /// <summary>
    /// How long the server may hold a poll open waiting for a change (<c>Prefer: wait</c>, whole seconds, 1–120).
    /// Default 55 seconds: below the 60-second idle timeout of common proxies and load balancers.
    /// </summary>
    public TimeSpan LongPollWait { get; set; } = TimeSpan.FromSeconds(55);

    /// <summary>
    /// The pause between polls when the server answers at once instead of holding the request (a server or proxy
    /// that does not honour <c>Prefer: wait</c>). Default 30 seconds.
    /// </summary>
    public TimeSpan FallbackPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest pause between retries after failures (exponential backoff with jitter from one second up to this),
    /// and the pause between retries while the server refuses the request (401, 403, 404). Default 30 seconds.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Creates the HTTP handler the client sends through, e.g. a <see cref="System.Net.Http.SocketsHttpHandler"/> with a
    /// proxy or client certificate. The client owns and disposes it. Default: a <c>SocketsHttpHandler</c> that
    /// renews connections every five minutes (DNS changes are seen).
    /// </summary>
    public Func<HttpMessageHandler>? HttpMessageHandlerFactory { get; set; }

    /// <summary>Where the client logs (category <c>ConfigAdmin.Client</c>). Default: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The clock behind every wait and deadline (start-up budget, backoff, poll pauses, request deadlines, the cache
    /// file's time). Internal: a configuration source is built before any DI container exists, so apps have nothing to
    /// inject; the tests move a <c>FakeTimeProvider</c> instead of waiting.
    /// </summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;
}
