using System.Text;
using System.Text.RegularExpressions;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ConfigAdmin.Tests.E2E.Infrastructure;

/// <summary>
/// A fresh installation: the real app on Kestrel with no <c>Security:InitialAdmin</c> and no bootstrap key, so the only
/// way in is the one-time set-up link it prints at start.
/// </summary>
public sealed class FirstRunHostFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("configadmin-firstrun-").FullName;
    private KestrelAppFactory? _factory;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The set-up link, as the app printed it to the console once it was ready.</summary>
    public Uri SetupLink { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        // The console is the process's: tee it while the app starts, passing everything through, and keep the one
        // line a person starting the app would follow.
        var console = Console.Out;
        var tee = new ConsoleTee(console, "Create the first admin at ");
        Console.SetOut(tee);
        try
        {
            _factory = new KestrelAppFactory(Path.Combine(_dir, "firstrun.db"), new Dictionary<string, string?>());
            _factory.UseKestrel(0);
            _factory.StartServer();
            BaseAddress = _factory.ClientOptions.BaseAddress;
            using var client = new HttpClient { BaseAddress = BaseAddress };
            await client.WaitReadyAsync();
            var line = await tee.Line.Task.WaitAsync(TimeSpan.FromSeconds(30));
            SetupLink = new Uri(Regex.Match(line, @"Create the first admin at (\S+)").Groups[1].Value);
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

/// <summary>Writes everything through to <paramref name="inner"/> and completes <see cref="Line"/> with the first line holding <paramref name="marker"/>.</summary>
internal sealed class ConsoleTee(TextWriter inner, string marker) : TextWriter
{
    public TaskCompletionSource<string> Line { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(value);

    public override void Write(string? value)
    {
        inner.Write(value);
        Note(value);
    }

    public override void WriteLine(string? value)
    {
        inner.WriteLine(value);
        Note(value);
    }

    private void Note(string? value)
    {
        if (value is not null && value.Contains(marker, StringComparison.Ordinal)) Line.TrySetResult(value);
    }
}

/// <remarks>Alone, like <see cref="E2ECollection"/>: browser steps must not wait behind the parallel database tests.</remarks>
[CollectionDefinition(Name)]
public sealed class FirstRunCollection : ICollectionFixture<FirstRunHostFixture>
{
    public const string Name = "E2E first run";
}
