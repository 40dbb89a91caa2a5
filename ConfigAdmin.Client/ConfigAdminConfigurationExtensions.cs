using Microsoft.Extensions.Configuration;

namespace ConfigAdmin.Client;

/// <summary>Adds ConfigAdmin to an <see cref="IConfigurationBuilder"/>.</summary>
public static class ConfigAdminConfigurationExtensions
{
    /// <summary>
    /// Adds an application's resolved configuration from a ConfigAdmin server, kept up to date while the app runs.
    /// </summary>
    /// <param name="builder">The configuration being built.</param>
    /// <param name="configure">Sets the server, application, environment and the other options.</param>
    /// <returns>The same builder.</returns>
    public static IConfigurationBuilder AddConfigAdmin(this IConfigurationBuilder builder, Action<ConfigAdminClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder.Add(new ConfigAdminConfigurationSource { ConfigureOptions = configure });
    }

    /// <summary>
    /// Adds ConfigAdmin with its options taken from a configuration section, typically of the configuration being built:
    /// <c>builder.Configuration.AddConfigAdmin(builder.Configuration.GetSection("ConfigAdmin"))</c>. The section is read
    /// when the source is built, so the sources added before this call (appsettings.json, environment variables such as
    /// <c>ConfigAdmin__ApiKey</c>) supply it.
    /// </summary>
    /// <param name="builder">The configuration being built.</param>
    /// <param name="section">
    /// Holds <c>ServerUrl</c>, <c>Application</c>, <c>Environment</c>, <c>ApiKey</c>, <c>CacheFile</c>, <c>InstanceId</c>, <c>Optional</c>,
    /// <c>AllowInsecureHttp</c> and the time spans <c>StartupTimeout</c>, <c>LongPollWait</c>, <c>FallbackPollInterval</c>, <c>MaxRetryDelay</c>
    /// (<c>hh:mm:ss</c>).
    /// </param>
    /// <param name="configure">Runs after the section is read: for what configuration cannot hold (OnLoadException, logging, handler).</param>
    /// <returns>The same builder.</returns>
    public static IConfigurationBuilder AddConfigAdmin(this IConfigurationBuilder builder, IConfiguration section,
        Action<ConfigAdminClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        return builder.Add(new ConfigAdminConfigurationSource
        {
            ConfigureOptions = options =>
            {
                OptionsReader.Read(section, options);
                configure?.Invoke(options);
            },
        });
    }
}
