namespace ConfigAdmin.Client;

/// <summary>The configuration could not be loaded from ConfigAdmin at start (and no cache file could stand in).</summary>
public sealed class ConfigAdminException : Exception
{
    internal ConfigAdminException(string message, Uri serverUrl, string application, string environment,
        int? statusCode = null, string? problemCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ServerUrl = serverUrl;
        Application = application;
        Environment = environment;
        StatusCode = statusCode;
        ProblemCode = problemCode;
    }

    /// <summary>The server that was asked.</summary>
    public Uri ServerUrl { get; }

    /// <summary>The application whose configuration was asked for.</summary>
    public string Application { get; }

    /// <summary>The environment that was asked for.</summary>
    public string Environment { get; }

    /// <summary>The HTTP status the server refused with, or <see langword="null"/> when it was not reached.</summary>
    public int? StatusCode { get; }

    /// <summary>The problem's machine-readable <c>code</c> (e.g. <c>not_found</c>, <c>unauthenticated</c>), when the server sent one.</summary>
    public string? ProblemCode { get; }
}
