using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConfigAdmin.Web.Startup;

/// <summary>Logs why a readiness check fails (and when it recovers), once per change of its status.</summary>
public sealed class HealthLog(ILogger<HealthLog> logger)
{
    private readonly ConcurrentDictionary<string, HealthStatus> _last = new();

    public void Record(HealthReport report)
    {
        foreach (var (name, entry) in report.Entries)
        {
            var previous = _last.GetValueOrDefault(name, HealthStatus.Healthy);
            _last[name] = entry.Status;
            if (entry.Status == previous) continue;
            if (entry.Status == HealthStatus.Healthy) logger.LogInformation("Health check {Check} is healthy again", name);
            else logger.LogWarning(entry.Exception, "Health check {Check} is {Status}: {Description}", name, entry.Status, entry.Description);
        }
    }
}
