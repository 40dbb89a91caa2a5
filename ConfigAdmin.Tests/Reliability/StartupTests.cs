using System.Net;
using System.Text.Json;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog.Core;
using Serilog.Events;

namespace ConfigAdmin.Tests.Reliability;

/// <summary>
/// Start-up work runs after the server listens: <c>/health</c> answers at once, <c>/health/ready</c> and every
/// other route say 503 until it is done, and a lock left by a killed process cannot stop a start.
/// </summary>
[Trait("Category", "Database")]
public sealed class StartupTests
{
    private const string LockTable = """
        CREATE TABLE "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
        """;

    [Fact]
    public async Task Start_AfterAKillLeftEFsMigrationLockBehind_BecomesReady()
    {
        var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        await ExecuteSqliteAsync(database, LockTable + "INSERT INTO \"__EFMigrationsLock\" VALUES (1, '2026-11-26 06:00:00');");
        await using var factory = Factory(database);

        // EF would wait for the dead process's lock row before Kestrel listens: the host must clear it and start.
        var client = (await Task.Run(factory.CreateClient).WaitAsync(TimeSpan.FromSeconds(60))).WithKey();
        await client.WaitReadyAsync();

        var environments = await (await client.GetAsync("/v1/environments")).JsonAsync();
        Assert.Equal(3, environments.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Start_WhileAnotherProcessMigratesSqlite_HealthAnswers_AndTheRestWaitsWith503()
    {
        var database = await TestDatabase.CreateAsync(Provider.Sqlite);
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var otherMigrator = new FileStream(file + ".migrate-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        await using var factory = Factory(database);
        var client = factory.CreateClient().WithKey();

        await AssertStartingAsync(client);
        await otherMigrator.DisposeAsync();

        await client.WaitReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/applications")).StatusCode);
    }

    [Fact]
    public async Task Start_WhileAnotherNodeMigratesPostgres_HealthAnswers_AndTheRestWaitsWith503()
    {
        var database = await TestDatabase.CreateAsync(Provider.Postgres);
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        await using (var server = new NpgsqlConnection(await PostgresCluster.Shared))
        {
            await server.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server).ExecuteNonQueryAsync();
        }
        await using var otherMigrator = new NpgsqlConnection(database.ConnectionString);
        await otherMigrator.OpenAsync();
        var migration = await otherMigrator.BeginTransactionAsync();
        await new NpgsqlCommand("""
            CREATE TABLE "__EFMigrationsHistory" ("MigrationId" varchar(150) PRIMARY KEY, "ProductVersion" varchar(32) NOT NULL);
            LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE;
            """, otherMigrator, migration).ExecuteNonQueryAsync();
        await using var factory = Factory(database);
        var client = factory.CreateClient().WithKey();

        await AssertStartingAsync(client);
        await migration.CommitAsync();

        await client.WaitReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/applications")).StatusCode);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task FirstStart_OnAnEmptyDatabase_LogsNoError(Provider provider)
    {
        // Data Protection's warm-up reads the key ring before the table it lives in exists: it must wait, not fail.
        var database = await TestDatabase.CreateAsync(provider);
        var errors = new ErrorSink();
        await using var factory = Factory(database).WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILogEventSink>(errors)));

        await factory.CreateClient().WithKey().WaitReadyAsync();

        Assert.True(errors.Lines.IsEmpty, string.Join("\n", errors.Lines));
    }

    private sealed class ErrorSink : ILogEventSink
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Error)
                Lines.Enqueue($"{logEvent.Properties.GetValueOrDefault("SourceContext")}: {logEvent.RenderMessage()} {logEvent.Exception}");
        }
    }

    /// <summary>Liveness 200; readiness 503 naming its checks without any error text; other routes a 503 problem.</summary>
    private static async Task AssertStartingAsync(HttpClient client)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("startup").GetProperty("status").GetString());
        foreach (var check in checks.EnumerateObject())
            Assert.Equal(["durationMs", "status"], check.Value.EnumerateObject().Select(p => p.Name).Order());
        var api = await client.GetAsync("/v1/applications");
        await api.AssertProblemAsync(503, "service_unavailable");
        Assert.NotNull(api.Headers.RetryAfter);
    }

    private static WebApplicationFactory<Program> Factory(TestDatabase database) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            foreach (var (key, value) in database.Settings) b.UseSetting(key, value);
            b.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        });

    private static async Task ExecuteSqliteAsync(TestDatabase database, string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
