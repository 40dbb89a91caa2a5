using System.Collections.Concurrent;

namespace ConfigAdmin.Web.Startup;

/// <summary>
/// Hands out one logger per category, as Microsoft's own <see cref="LoggerFactory"/> does. Serilog's factory makes a new
/// logger (with its own event-id cache) on every <c>CreateLogger</c>, and ASP.NET Core's authentication handlers, made
/// for every request, ask for theirs in their constructor: a logger or two per request, kept as long as the request
/// lives — 1.6 KB for each of ten thousand parked long polls (docs/benchmarks.md). Categories are type names, a set
/// fixed by the code.
/// </summary>
public sealed class OneLoggerPerCategory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the registered <see cref="ILoggerFactory"/> (Serilog's, from <c>AddSerilog</c>) in this one.</summary>
    public static IServiceCollection Apply(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(sp => new OneLoggerPerCategory(Create(registered, sp)));
        return services;
    }

    private static ILoggerFactory Create(ServiceDescriptor registered, IServiceProvider sp) =>
        registered.ImplementationInstance as ILoggerFactory
        ?? registered.ImplementationFactory?.Invoke(sp) as ILoggerFactory
        ?? (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
}
