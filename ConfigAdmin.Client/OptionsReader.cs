using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ConfigAdmin.Client;

/// <summary>
/// Options from a configuration section, read by hand rather than with the binder: twelve known keys, an error that
/// names the setting, and no reflection (the library stays trimming- and AOT-safe).
/// </summary>
internal static class OptionsReader
{
    public static void Read(IConfiguration section, ConfigAdminClientOptions options)
    {
        var prefix = section is IConfigurationSection s ? s.Path + ":" : "";

        if (section["ServerUrl"] is { Length: > 0 } url)
        {
            options.ServerUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? uri
                : throw new InvalidOperationException($"{prefix}ServerUrl '{url}' is not an absolute URL (e.g. https://config.example.com).");
        }
        options.Application = section["Application"] ?? options.Application;
        options.Environment = section["Environment"] ?? options.Environment;
        options.ApiKey = section["ApiKey"] ?? options.ApiKey;
        options.CacheFile = section["CacheFile"] ?? options.CacheFile;
        options.InstanceId = section["InstanceId"] ?? options.InstanceId;
        options.Optional = BooleanOf(section, prefix, "Optional", options.Optional);
        options.AllowInsecureHttp = BooleanOf(section, prefix, "AllowInsecureHttp", options.AllowInsecureHttp);
        options.StartupTimeout = TimeSpanOf(section, prefix, "StartupTimeout", options.StartupTimeout);
        options.LongPollWait = TimeSpanOf(section, prefix, "LongPollWait", options.LongPollWait);
        options.FallbackPollInterval = TimeSpanOf(section, prefix, "FallbackPollInterval", options.FallbackPollInterval);
        options.MaxRetryDelay = TimeSpanOf(section, prefix, "MaxRetryDelay", options.MaxRetryDelay);
    }

    private static bool BooleanOf(IConfiguration section, string prefix, string name, bool current)
    {
        var text = section[name];
        if (string.IsNullOrEmpty(text)) return current;
        return bool.TryParse(text, out var value) ? value : throw new InvalidOperationException($"{prefix}{name} '{text}' is not true or false.");
    }

    private static TimeSpan TimeSpanOf(IConfiguration section, string prefix, string name, TimeSpan current)
    {
        var text = section[name];
        if (string.IsNullOrEmpty(text)) return current;
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{prefix}{name} '{text}' is not a time span (hh:mm:ss, e.g. 00:00:10).");
    }

    /// <summary>Every problem with the options, in one message; <see langword="null"/> when they are usable.</summary>
    public static string? Validate(ConfigAdminClientOptions options)
    {
        var errors = new List<string>();
        if (options.ServerUrl is null)
            errors.Add("ServerUrl is required (e.g. https://config.example.com).");
        else if (!options.ServerUrl.IsAbsoluteUri || (options.ServerUrl.Scheme != Uri.UriSchemeHttp && options.ServerUrl.Scheme != Uri.UriSchemeHttps))
            errors.Add($"ServerUrl '{options.ServerUrl}' must be an absolute http or https URL.");
        else if (options.ServerUrl.Scheme == Uri.UriSchemeHttp && !options.ServerUrl.IsLoopback && !options.AllowInsecureHttp)
            errors.Add($"ServerUrl '{options.ServerUrl}' is plain http to another machine: the API key and the secret values would cross the " +
                       "network in clear. Use https, or set AllowInsecureHttp = true where the network itself is trusted.");
        if (string.IsNullOrWhiteSpace(options.Application)) errors.Add("Application is required.");
        if (string.IsNullOrWhiteSpace(options.Environment)) errors.Add("Environment is required (e.g. production).");
        if (options.InstanceId is not null && (options.InstanceId.Length is 0 or > 100 || ClientHeader.Token(options.InstanceId) != options.InstanceId))
            errors.Add($"InstanceId '{options.InstanceId}' must be 1-100 visible ASCII characters without ; , = \" or \\.");
        if (options.StartupTimeout <= TimeSpan.Zero && options.StartupTimeout != Timeout.InfiniteTimeSpan)
            errors.Add("StartupTimeout must be positive.");
        if (options.LongPollWait < TimeSpan.FromSeconds(1) || options.LongPollWait > TimeSpan.FromSeconds(120))
            errors.Add("LongPollWait must be between 1 and 120 seconds.");
        if (options.FallbackPollInterval <= TimeSpan.Zero) errors.Add("FallbackPollInterval must be positive.");
        if (options.MaxRetryDelay <= TimeSpan.Zero) errors.Add("MaxRetryDelay must be positive.");
        return errors.Count == 0 ? null : "The ConfigAdmin client options are invalid: " + string.Join(" ", errors);
    }
}
