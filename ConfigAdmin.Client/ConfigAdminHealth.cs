using Microsoft.Extensions.Configuration;

namespace ConfigAdmin.Client;

/// <summary>
/// This instance's health as ConfigAdmin sees it while a rollout runs (design §14): the app reports failure when the
/// configuration it was given hurts (<see cref="ReportFailure"/>), and health again (<see cref="ReportHealthy"/>). The
/// client library also reports failure by itself when applying a new document throws (binding, options validation on
/// reload), and health once a later document applies cleanly. Each report goes to the server at once; a rollout whose
/// instances fail beyond its limit rolls back within a second. Register it with
/// <c>services.AddConfigAdminHealth()</c>, or create it over the configuration that holds the ConfigAdmin source.
/// </summary>
public sealed class ConfigAdminHealth
{
    private readonly HealthReporter[] _reporters;

    /// <summary>Reports for every ConfigAdmin source of this configuration.</summary>
    /// <param name="configuration">The app's configuration root (the host's <see cref="IConfiguration"/>).</param>
    /// <exception cref="InvalidOperationException">The configuration is not a root, or it has no ConfigAdmin source.</exception>
    public ConfigAdminHealth(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providers = (configuration as IConfigurationRoot)?.Providers.OfType<ConfigAdminConfigurationProvider>().ToArray() ?? [];
        if (providers.Length == 0)
            throw new InvalidOperationException("This configuration has no ConfigAdmin source: add it with AddConfigAdmin(...) and pass the configuration root.");
        _reporters = [.. providers.Select(p => p.Health)];
        InstanceIds = [.. providers.Select(p => p.InstanceId)];
    }

    /// <summary>The ids this instance reports as (one per ConfigAdmin source; usually one).</summary>
    public IReadOnlyList<string> InstanceIds { get; }

    /// <summary>Whether the server is told this instance is failing (by the app or by a reload that threw).</summary>
    public bool IsFailing => _reporters.Any(r => r.Current.Failing);

    /// <summary>Why it is failing; <see langword="null"/> when it is not.</summary>
    public string? Reason => _reporters.Select(r => r.Current).FirstOrDefault(s => s.Failing).Reason;

    /// <summary>The app fails with the configuration it runs: the server is told at once, with <paramref name="reason"/>.</summary>
    /// <param name="reason">What goes wrong, for the rollout panel (at most 1,000 characters are sent; no secrets).</param>
    public void ReportFailure(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        foreach (var reporter in _reporters) reporter.SetAppFailure(reason.Trim());
    }

    /// <summary>The app is healthy again: the server is told at once (unless the last reload still fails).</summary>
    public void ReportHealthy()
    {
        foreach (var reporter in _reporters) reporter.SetAppFailure(null);
    }

    /// <summary>Completes when the server holds the current state of every source (or sending gave up).</summary>
    /// <returns>A task that completes then.</returns>
    public Task ReportedAsync() => Task.WhenAll(_reporters.Select(r => r.Sent));
}
