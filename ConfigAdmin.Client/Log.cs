using Microsoft.Extensions.Logging;

namespace ConfigAdmin.Client;

/// <summary>Every message the client logs, in one place. No API key or configuration value ever appears in them.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Loaded the configuration of {Application} ({Environment}) from {ServerUrl}: {Count} values, ETag {ETag}")]
    public static partial void Loaded(this ILogger logger, string application, string environment, Uri serverUrl, int count, string? etag);

    [LoggerMessage(2, LogLevel.Warning, "ConfigAdmin server {ServerUrl} is unreachable for {Application} ({Environment}): {Reason}. Starting from the cache file {CacheFile} saved at {SavedAt} (ETag {ETag}); retrying in the background")]
    public static partial void StartedFromCache(this ILogger logger, Uri serverUrl, string application, string environment, string reason,
        string cacheFile, DateTimeOffset savedAt, string? etag);

    [LoggerMessage(3, LogLevel.Warning, "ConfigAdmin server {ServerUrl} is unreachable for {Application} ({Environment}): {Reason}. Starting without its values (Optional); they appear once the server answers")]
    public static partial void StartedEmpty(this ILogger logger, Uri serverUrl, string application, string environment, string reason);

    [LoggerMessage(4, LogLevel.Warning, "The ConfigAdmin cache file {CacheFile} is ignored: {Reason}")]
    public static partial void CacheUnusable(this ILogger logger, string cacheFile, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Could not write the ConfigAdmin cache file {CacheFile}")]
    public static partial void CacheWriteFailed(this ILogger logger, Exception exception, string cacheFile);

    [LoggerMessage(6, LogLevel.Information, "The configuration of {Application} ({Environment}) changed: {Count} values, ETag {ETag}")]
    public static partial void Changed(this ILogger logger, string application, string environment, int count, string? etag);

    [LoggerMessage(7, LogLevel.Warning, "ConfigAdmin server {ServerUrl} failed for {Application} ({Environment}): {Reason}. Keeping the current values; retrying with backoff (next in {Delay})")]
    public static partial void PollFailed(this ILogger logger, Uri serverUrl, string application, string environment, string reason, TimeSpan delay);

    [LoggerMessage(8, LogLevel.Debug, "ConfigAdmin server {ServerUrl} failed again ({Failures} in a row): {Reason}; next try in {Delay}")]
    public static partial void PollFailedAgain(this ILogger logger, Uri serverUrl, int failures, string reason, TimeSpan delay);

    [LoggerMessage(9, LogLevel.Error, "ConfigAdmin server {ServerUrl} refuses the configuration of {Application} ({Environment}): {Reason}. Check ServerUrl, Application, Environment and ApiKey; keeping the current values and asking again every {Delay}")]
    public static partial void Refused(this ILogger logger, Uri serverUrl, string application, string environment, string reason, TimeSpan delay);

    [LoggerMessage(10, LogLevel.Information, "ConfigAdmin server {ServerUrl} answers again for {Application} ({Environment})")]
    public static partial void Recovered(this ILogger logger, Uri serverUrl, string application, string environment);

    [LoggerMessage(11, LogLevel.Warning, "Two entries of the configuration of {Application} produce the key {Key}; the later one wins")]
    public static partial void Collision(this ILogger logger, string application, string key);

    [LoggerMessage(12, LogLevel.Information, "ConfigAdmin server {ServerUrl} serves a stale copy of {Application} ({Environment}) during its own database outage (Warning 110); applied it")]
    public static partial void StaleDocument(this ILogger logger, Uri serverUrl, string application, string environment);

    [LoggerMessage(13, LogLevel.Error, "A configuration reload callback threw; the new values of {Application} are applied regardless")]
    public static partial void ReloadCallbackFailed(this ILogger logger, Exception exception, string application);

    [LoggerMessage(14, LogLevel.Error, "The ConfigAdmin poll loop of {Application} hit an unexpected error; it goes on after a pause")]
    public static partial void LoopError(this ILogger logger, Exception exception, string application);

    [LoggerMessage(15, LogLevel.Debug, "ConfigAdmin server {ServerUrl} does not hold long polls (no Preference-Applied); polling every {Interval}")]
    public static partial void NoLongPoll(this ILogger logger, Uri serverUrl, TimeSpan interval);

    [LoggerMessage(16, LogLevel.Warning, "The first load of {Application} ({Environment}) from {ServerUrl} failed and OnLoadException chose to ignore it; starting without its values and retrying in the background")]
    public static partial void LoadFailureIgnored(this ILogger logger, Exception exception, string application, string environment, Uri serverUrl);

    [LoggerMessage(17, LogLevel.Information, "Told the ConfigAdmin server that instance {InstanceId} is {Status}: {Reason}")]
    public static partial void HealthReported(this ILogger logger, string instanceId, string status, string? reason);

    [LoggerMessage(18, LogLevel.Warning, "The ConfigAdmin server refused the health report of instance {InstanceId}: {Reason}; not sending it again")]
    public static partial void HealthRefused(this ILogger logger, string instanceId, string reason);

    [LoggerMessage(19, LogLevel.Warning, "Could not send the health report of instance {InstanceId}: {Reason}; trying again in {Delay}")]
    public static partial void HealthReportFailed(this ILogger logger, string instanceId, string reason, TimeSpan delay);
}
