namespace ConfigAdmin.Client;

/// <summary>What <see cref="ConfigAdminClientOptions.OnLoadException"/> receives when the first load fails.</summary>
public sealed class ConfigAdminLoadExceptionContext
{
    internal ConfigAdminLoadExceptionContext(ConfigAdminConfigurationProvider provider, Exception exception)
    {
        Provider = provider;
        Exception = exception;
    }

    /// <summary>The provider whose load failed.</summary>
    public ConfigAdminConfigurationProvider Provider { get; }

    /// <summary>Why it failed: a <see cref="ConfigAdminException"/> naming the server, application and environment.</summary>
    public Exception Exception { get; }

    /// <summary>
    /// Set to <see langword="true"/> to start without these values instead of throwing; the provider keeps trying in
    /// the background and reloads once the server answers.
    /// </summary>
    public bool Ignore { get; set; }
}
