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
            // Other test hosts start in the same process meanwhile and may print set-up links of their own databases:
            // this app's link is the one on its own port.
            Uri? link = null;
            await Eventually.UntilAsync(() => (link = tee.Lines.Select(l => new Uri(Regex.Match(l, @"Create the first admin at (\S+)").Groups[1].Value))
                .FirstOrDefault(u => u.Port == BaseAddress.Port)) is not null, TimeSpan.FromSeconds(30), "The app printed no set-up link for its own address.");
            SetupLink = link!;
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
    /// <summary>Every line with the marker, from any host writing to the process's console.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

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
        if (value is not null && value.Contains(marker, StringComparison.Ordinal)) Lines.Enqueue(value);
    }
}

/// <remarks>Its own collection and app: the first run needs a database without users.</remarks>
[CollectionDefinition(Name)]
public sealed class FirstRunCollection : ICollectionFixture<FirstRunHostFixture>
{
    public const string Name = "E2E first run";
}
