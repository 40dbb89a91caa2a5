using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Client;

/// <summary>Registers <see cref="ConfigAdminHealth"/> for injection.</summary>
public static class ConfigAdminHealthExtensions
{
    /// <summary>
    /// Adds <see cref="ConfigAdminHealth"/> as a singleton over the host's <see cref="IConfiguration"/>, which must hold a
    /// ConfigAdmin source (<c>builder.Configuration.AddConfigAdmin(...)</c>).
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddConfigAdminHealth(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new ConfigAdminHealth(sp.GetRequiredService<IConfiguration>()));
        return services;
    }
}
