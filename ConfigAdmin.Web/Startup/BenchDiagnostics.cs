using System.Runtime;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ConfigAdmin.Web.Startup;

/// <summary>
/// What bench/circuits.sh needs to weigh a circuit from outside: the live managed heap after a full, compacting GC,
/// how many circuits are open and how many long polls and streams wait. Exists only when <c>Bench:Diagnostics</c> is true: forcing GCs on request is
/// a denial-of-service lever that no deployment should expose.
/// </summary>
public static class BenchDiagnostics
{
    private const string Setting = "Bench:Diagnostics";

    public static IServiceCollection AddBenchDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Setting)) return services;
        services.AddSingleton<CircuitHandler, CircuitCounter>();
        // A page closed without its disconnect beacon (a busy browser) would hold its circuit for the default three
        // minutes of reconnect grace, and the bench would weigh it with the next page's circuits.
        services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(5));
        return services;
    }

    public static WebApplication MapBenchDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting)) return app;
        app.MapGet("/_bench/heap", (IEnumerable<CircuitHandler> handlers, Api.LiveWaiters waiters) =>
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var circuits = handlers.OfType<CircuitCounter>().Single().Open;
            return TypedResults.Ok(new { heapBytes = GC.GetTotalMemory(forceFullCollection: false), circuits, waiters = waiters.Count });
        }).ExcludeFromDescription().AllowAnonymous(); // bench-only, never on in a deployment (see above)
        app.Logger.LogWarning("Bench diagnostics are on: GET /_bench/heap forces a full GC. Never enable this in a deployment.");
        return app;
    }

    /// <summary>Counts open circuits, so the bench knows when its browsers are connected or gone.</summary>
    private sealed class CircuitCounter : CircuitHandler
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref _open);
            return Task.CompletedTask;
        }
    }
}
