using ConfigAdmin.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Data.Providers;

/// <summary>Hands the services a fresh context of whichever provider was chosen.</summary>
public sealed class DbFactory<TContext>(IDbContextFactory<TContext> inner) : IConfigAdminDbFactory
    where TContext : ConfigAdminContext
{
    public async Task<IConfigAdminDb> CreateAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);

    /// <summary>A context for maintenance (migrations, health): same provider, not through the interface.</summary>
    public async Task<ConfigAdminContext> CreateContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
