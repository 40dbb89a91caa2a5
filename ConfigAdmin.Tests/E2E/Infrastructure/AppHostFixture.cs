using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.E2E.Infrastructure;

/// <summary>The real app on real Kestrel (a free port) over a fresh SQLite file: one per E2E collection.</summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("configadmin-e2e-").FullName;
    private KestrelAppFactory? _factory;

    /// <summary>The admin Security:InitialAdmin creates at start, whom the browser tests sign in as.</summary>
    public const string AdminEmail = "e2e-admin@example.com";
    public static readonly string AdminPassword = "pw-" + Guid.NewGuid().ToString("N");
    public static readonly string BootstrapKey = "bootstrap-" + Guid.NewGuid().ToString("N");

    private readonly SemaphoreSlim _signIn = new(1, 1);
    private string? _signedInState;

    private readonly SemaphoreSlim _launch = new(1, 1);
    private Microsoft.Playwright.IPlaywright? _playwright;
    private Microsoft.Playwright.IBrowser? _browser;

    /// <summary>
    /// One Chromium (and one Playwright driver) for the collection's test classes, which run one after another; every
    /// page gets a context of its own (BrowserTestBase). Starting both per class cost a second or two of CPU each time.
    /// </summary>
    public async Task<Microsoft.Playwright.IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            _playwright ??= await Microsoft.Playwright.Playwright.CreateAsync();
            return _browser ??= await BrowserTestBase.LaunchChromiumAsync(_playwright);
        }
        finally
        {
            _launch.Release();
        }
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>Pages the collection's tests hand on to each other.</summary>
    public PagePool Pages { get; private set; } = default!;

    /// <summary>Seeds and checks through the app's own services, in a scope of its own, as an admin of every application.</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> use) where TService : notnull
    {
        await using var scope = AdminScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task WithServicesAsync(Func<IServiceProvider, Task> use)
    {
        await using var scope = AdminScope();
        await use(scope.ServiceProvider);
    }

    /// <summary>An HTTP client that calls the API as the bootstrap admin key.</summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", BootstrapKey);
        return client;
    }

    /// <summary>
    /// A browser signed in as <see cref="AdminEmail"/>: signs in once through the real form, then hands every new
    /// context the same cookies (Playwright storage state).
    /// </summary>
    public async Task<string> SignedInStateAsync(Microsoft.Playwright.IBrowser browser)
    {
        await _signIn.WaitAsync();
        try
        {
            if (_signedInState is not null) return _signedInState;
            var context = await browser.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
            var page = await context.NewPageAsync();
            await PageObjects.SignInPageObject.SignInAsync(page, AdminEmail, AdminPassword);
            _signedInState = await context.StorageStateAsync();
            await context.CloseAsync();
            return _signedInState;
        }
        finally
        {
            _signIn.Release();
        }
    }

    private AsyncServiceScope AdminScope()
    {
        var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ConfigAdmin.Core.Common.ChangeContext>().ActAs(ServiceHost.Admin(AdminEmail));
        return scope;
    }

    public async Task InitializeAsync()
    {
        _factory = new KestrelAppFactory(Path.Combine(_dir, "e2e.db"), new Dictionary<string, string?>
        {
            ["Security:BootstrapApiKey"] = BootstrapKey,
            ["Security:InitialAdmin:Email"] = AdminEmail,
            ["Security:InitialAdmin:Password"] = AdminPassword,
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        Pages = new PagePool(BaseAddress);
        using var client = CreateHttpClient();
        await client.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
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

/// <remarks>
/// The browser flows run beside the other tests (each E2E collection has its own app and database): most of a
/// browser step is waiting, which the other collections fill. The app under test shares this process's thread pool, so the assembly starts
/// with enough threads that a SignalR event never waits behind database tests (TestThreads).
/// </remarks>
[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "E2E";
}

/// <summary>The whole-page checks (axe on every page, the admin's day, screenshots): a second app, in parallel with the flows.</summary>
[CollectionDefinition(Name)]
public sealed class E2EPagesCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "E2E pages";
}
