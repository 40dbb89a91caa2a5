namespace ConfigAdmin.Core.Common;

/// <summary>A rule of the domain was broken; the web layer maps each kind to one HTTP status and problem code.</summary>
public abstract class DomainException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The machine-readable problem code clients branch on.</summary>
    public string Code { get; } = code;

    /// <summary>Members the problem carries besides the standard ones (<c>environments</c>, <c>violations</c>, ...).</summary>
    public virtual IReadOnlyDictionary<string, object?> Details => NoDetails;

    private static readonly IReadOnlyDictionary<string, object?> NoDetails = new Dictionary<string, object?>();
}

/// <summary>The named resource does not exist (404), or not at the moment asked for (<paramref name="when"/>, e.g. "at ...: why").</summary>
public sealed class NotFoundException(string entity, string name, string? when = null)
    : DomainException(ErrorCodes.NotFound, $"{entity} '{name}' was not found{(when is null ? "" : " " + when)}.");

/// <summary>The caller is known but lacks the right for this (403).</summary>
public sealed class ForbiddenException(string message, string code = ErrorCodes.Forbidden) : DomainException(code, message);

/// <summary>The change collides with stored state: a taken name or an environment still in use (409).</summary>
public sealed class ConflictException(string code, string message) : DomainException(code, message);

/// <summary>The caller's version is not the stored one: someone else saved first (412).</summary>
public sealed class StaleVersionException(string entity, string name, long expected, long actual)
    : DomainException(ErrorCodes.StaleVersion,
        $"{entity} '{name}' is at version {actual}, not {expected}: it was changed by someone else. Reload and retry.")
{
    public long ActualVersion { get; } = actual;
}

/// <summary>
/// Another write committed between this write's read and its commit (optimistic concurrency): retried when the
/// caller named no version, else a 412. The data layer translates its provider's exception into this one.
/// </summary>
public sealed class ConcurrentWriteException(Exception inner)
    : DomainException(ErrorCodes.StaleVersion, "The resource was changed by someone else while this write ran. Reload and retry.", inner);

public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string NameTaken = "name_taken";
    public const string EnvironmentInUse = "environment_in_use";
    public const string LastAdmin = "last_admin";
    public const string StaleVersion = "stale_version";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MalformedJson = "malformed_json";
    public const string ServerError = "server_error";
    public const string ServiceUnavailable = "service_unavailable";
    public const string RateLimited = "rate_limited";
    public const string MalformedFile = "malformed_file";
    public const string ExportConflict = "export_conflict";
    public const string UnknownFormat = "unknown_format";
    public const string ApprovalRequired = "approval_required";
    public const string RolloutInProgress = "rollout_in_progress";
    public const string RolloutClosed = "rollout_closed";
    public const string RolloutSingleEnvironment = "rollout_single_environment";
    public const string Stale = "stale";
    public const string RequestClosed = "request_closed";
    public const string OwnRequest = "own_request";
    public const string ApplicationDeleted = "application_deleted";
    public const string AntiforgeryFailed = "antiforgery_failed";
    public const string WebhookTargetForbidden = "webhook_target_forbidden";
    public const string SchemaViolation = "schema_violation";
    public const string InvalidSchema = "invalid_schema";
}
