namespace ConfigAdmin.Web.Observability;

/// <summary>The <c>Metrics</c> section: whether the meters are on, and how the gauges that count database rows are taken.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Off: no meter is listened to and <c>/metrics</c> does not exist. Also off when <c>OTEL_SDK_DISABLED=true</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the gauges' counts (client instances, open change requests) are read from the database.</summary>
    public int SnapshotSeconds { get; set; } = 15;

    /// <summary>An instance counts in <c>configadmin.instances</c> when it was seen this recently.</summary>
    public int InstanceWindowMinutes { get; set; } = 5;
}

/// <summary>What this node exports, decided once from configuration at start.</summary>
public sealed record TelemetryExports(bool Metrics, bool Traces)
{
    /// <summary>
    /// Metrics unless <c>Metrics:Enabled</c> is false or the SDK is disabled; traces when an OTLP endpoint is configured
    /// (the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>) and the SDK is not disabled.
    /// </summary>
    public static TelemetryExports From(IConfiguration configuration)
    {
        var disabled = string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        var metrics = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        return new TelemetryExports(!disabled && metrics.Enabled,
            !disabled && !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));
    }
}
