using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster in a temp folder on a free loopback port, run as the postgres user.
/// The whole test run shares one (<see cref="Shared"/>) unless CONFIGADMIN_TEST_POSTGRES names a server;
/// outage tests start their own so they can stop and restart it.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public const string EnvironmentVariable = "CONFIGADMIN_TEST_POSTGRES";
    private static readonly Lazy<string> BinFolder = new(FindBin);

    private static string Bin => BinFolder.Value;
    private static readonly Lazy<Task<string>> SharedServer = new(StartSharedAsync);

    private readonly string _dir;

    private PostgresCluster(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>The server every PostgreSQL test uses: the configured one, else one started for this run.</summary>
    public static Task<string> Shared => SharedServer.Value;

    public static async Task<PostgresCluster> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "configadmin-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        if (IsRoot) await RunAsync("chown", $"postgres {dir}");
        await AsPostgresAsync($"{Bin}/initdb -D {dir}/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync");
        var cluster = new PostgresCluster(dir, FreePort());
        await cluster.StartServerAsync();
        return cluster;
    }

    public Task StartServerAsync() => AsPostgresAsync(
        $"{Bin}/pg_ctl -D {_dir}/data -l {_dir}/log -w -t 30 -o \"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300\" start");

    /// <summary>Stops the server at once (fast shutdown), as an outage would.</summary>
    public Task StopServerAsync() => AsPostgresAsync($"{Bin}/pg_ctl -D {_dir}/data -m fast -w stop");

    /// <summary>initdb refuses root: as root the cluster's programs run as the postgres user, otherwise as the current one.</summary>
    private static Task AsPostgresAsync(string command)
    {
        var space = command.IndexOf(' ');
        return IsRoot ? RunAsync("runuser", $"-u postgres -- {command}") : RunAsync(command[..space], command[(space + 1)..]);
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// Where initdb and pg_ctl are: CONFIGADMIN_PG_BIN (test.sh sets it), else what scripts/pg-bin.sh finds, the one
    /// place that knows where to look.
    /// </summary>
    private static string FindBin()
    {
        if (Environment.GetEnvironmentVariable("CONFIGADMIN_PG_BIN") is { Length: > 0 } bin) return bin;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ConfigAdmin.sln"))) root = root.Parent;
        var script = Path.Combine(root?.FullName ?? ".", "scripts", "pg-bin.sh");
        using var process = Process.Start(new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var found = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return process.ExitCode == 0 ? found : throw new InvalidOperationException(process.StandardError.ReadToEnd());
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopServerAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static async Task<string> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured) return configured;
        var cluster = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return cluster.ConnectionString("postgres");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {args} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }
}
