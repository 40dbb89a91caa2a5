using Microsoft.Extensions.Configuration;

namespace ConfigAdmin.Client;

/// <summary>A ConfigAdmin server as an <see cref="IConfigurationSource"/>. Usually added with <c>AddConfigAdmin</c>.</summary>
public sealed class ConfigAdminConfigurationSource : IConfigurationSource
{
    /// <summary>
    /// Fills in the options. It runs when the source is built, not when it is added, so it may read values from the
    /// configuration sources added before it.
    /// </summary>
    public Action<ConfigAdminClientOptions>? ConfigureOptions { get; set; }

    /// <summary>Creates the options, checks them and returns a provider for them.</summary>
    /// <param name="builder">The configuration builder (not used).</param>
    /// <returns>A new <see cref="ConfigAdminConfigurationProvider"/>.</returns>
    /// <exception cref="InvalidOperationException">An option is missing or out of range.</exception>
    public IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        var options = new ConfigAdminClientOptions();
        ConfigureOptions?.Invoke(options);
        return new ConfigAdminConfigurationProvider(options);
    }
}
