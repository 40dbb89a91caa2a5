using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ConfigAdmin.Data.Providers;

/// <summary>The model on SQLite, with its own migration set in Migrations/Sqlite.</summary>
public sealed class SqliteConfigAdminContext(DbContextOptions<SqliteConfigAdminContext> options) : ConfigAdminContext(options);

/// <summary>The model on PostgreSQL, with its own migration set in Migrations/Postgres.</summary>
public sealed class PostgresConfigAdminContext(DbContextOptions<PostgresConfigAdminContext> options) : ConfigAdminContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without the web host or a database.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConfigAdminContext>
{
    public SqliteConfigAdminContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConfigAdminContext>().UseSqlite(DatabaseOptions.DefaultSqliteConnection).Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without the web host or a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresConfigAdminContext>
{
    public PostgresConfigAdminContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresConfigAdminContext>().UseNpgsql("Host=localhost;Database=configadmin").Options);
}
