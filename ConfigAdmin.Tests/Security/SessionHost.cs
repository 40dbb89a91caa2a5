using ConfigAdmin.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Security;

/// <summary>An API host with a first admin who signs in with a password: for what only a browser's cookie shows.</summary>
public abstract class SessionHost(Provider provider) : ApiHost(provider)
{
    public const string AdminEmail = "session-admin@example.com";
    public const string Password = "correct-horse-battery-staple-44";

    /// <summary>A browser signed in as the first admin (its cookies kept).</summary>
    public Task<HttpClient> SignInAdminAsync() => SignInAsync(AdminEmail, Password);

    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Security:InitialAdmin:Email", AdminEmail);
        builder.UseSetting("Security:InitialAdmin:Password", Password);
        // Sessions sign in often from one address; the limit itself is tested where it is the subject.
        builder.UseSetting("Security:SignInAttemptsPerMinute", "1000");
    }
}

public sealed class SqliteSessionHost() : SessionHost(Provider.Sqlite);

public sealed class PostgresSessionHost() : SessionHost(Provider.Postgres);

/// <summary>A session host whose clock only moves when a test moves it.</summary>
public abstract class ClockedSessionHost(Provider provider) : SessionHost(provider)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class SqliteClockedSessionHost() : ClockedSessionHost(Provider.Sqlite);

public sealed class PostgresClockedSessionHost() : ClockedSessionHost(Provider.Postgres);
