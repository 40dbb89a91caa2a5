using System.ComponentModel.DataAnnotations;

namespace ConfigAdmin.Data.Providers;

/// <summary>The <c>Database</c> configuration section, validated at start-up.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";
    public const string DefaultSqliteConnection = "Data Source=data/configadmin.db";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    /// <summary>Apply pending migrations at start-up; turn off where deployments migrate separately.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed demo data into an empty database in Development (never in Production).</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>How long a SQLite write waits for a locked file before giving up, in milliseconds.</summary>
    [Range(0, 600_000)]
    public int SqliteBusyTimeoutMs { get; set; } = 5000;

    public DatabaseProvider ParsedProvider => Enum.Parse<DatabaseProvider>(Provider, ignoreCase: true);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out _) || int.TryParse(Provider, out _))
            yield return new ValidationResult(
                $"Database:Provider '{Provider}' is not supported. Use 'Sqlite' (default) or 'Postgres'.", [nameof(Provider)]);
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
