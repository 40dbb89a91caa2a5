using System.Net.Sockets;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ConfigAdmin.Data;

/// <summary>The one place that reads provider error codes: constraint violations and outages.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteForeignKey = 787;

    /// <summary>A unique violation means a name was taken concurrently; a foreign-key one, an environment in use.</summary>
    public static ConflictException? ToConflict(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteUnique or SqlitePrimaryKey } or
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
            => new ConflictException(ErrorCodes.NameTaken, "The name is already taken (names ignore case)."),
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteForeignKey } or
            PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation }
            => new ConflictException(ErrorCodes.EnvironmentInUse, "The environment is in use, or was deleted meanwhile."),
        _ => null,
    };

    /// <summary>
    /// Two writers added the same row at once: an override (the loser's insert hits the overrides primary key before
    /// its version check runs), or a rollout's instance (two nodes noting the same instance's first read or report).
    /// That is a lost race, retried on fresh state, not a taken name. Known by the provider's codes and the entity EF
    /// was inserting, never by message text.
    /// </summary>
    public static bool IsConcurrentOverrideInsert(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: "PK_overrides" or InstanceIndex } => true,
        // SQLite names no constraint; it runs one statement per command, so the entries are the failing insert's.
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqlitePrimaryKey } =>
            ex.Entries.Any(e => e is { Entity: ConfigOverride, State: EntityState.Added }),
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteUnique } =>
            ex.Entries.Any(e => e is { Entity: Core.Rollouts.RolloutInstance, State: EntityState.Added }),
        _ => false,
    };

    private const string InstanceIndex = "IX_rollout_instances_RolloutId_InstanceId";

    /// <summary>PostgreSQL gave up one of two racing transactions (deadlock, serialization): retried like a lost version race.</summary>
    public static bool IsLostRace(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure }) return true;
        }
        return false;
    }

    /// <summary>
    /// A value the database refused as data (PostgreSQL class 22: bad encoding, out of range): input that slipped
    /// past validation. A backstop: it is answered as a client error, never as a server fault.
    /// </summary>
    public static bool IsInvalidInput(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: [ '2', '2', .. ] }) return true;
        }
        return false;
    }

    /// <summary>True when the exception says the database cannot be reached or is too busy right now.</summary>
    public static bool IsUnavailable(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException or TimeoutException:
                case NpgsqlException { IsTransient: true }:
                case PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" or "08006" or "08001" or "3D000" }:
                case SqliteException { SqliteErrorCode: 5 or 6 or 10 or 14 }: // BUSY, LOCKED, IOERR, CANTOPEN
                    return true;
            }
        }
        return false;
    }
}
