using ConfigAdmin.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Tests.Data;

/// <summary>
/// Neither provider's migration set lags the model: a model change without its migrations fails the suite, naming the
/// command that adds them. The contexts are the ones <c>dotnet ef</c> builds (its design-time factories), and the
/// comparison is the one <c>dotnet ef migrations has-pending-model-changes</c> makes: the last snapshot against the model.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MigrationSetTests
{
    [Fact]
    public void Sqlite_MigrationsMatchTheModel() => AssertNoPendingChanges(new SqliteDesignTimeFactory().CreateDbContext([]), "SQLite");

    [Fact]
    public void Postgres_MigrationsMatchTheModel() => AssertNoPendingChanges(new PostgresDesignTimeFactory().CreateDbContext([]), "PostgreSQL");

    private static void AssertNoPendingChanges(DbContext context, string provider)
    {
        using (context)
        {
            Assert.False(context.Database.HasPendingModelChanges(),
                $"The {provider} migration set lags the model: run scripts/add-migration.sh NAME");
        }
    }
}
