using Bunit;
using Bunit.TestDoubles;
using ConfigAdmin.Core;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Web.Security;
using ConfigAdmin.Web.Security.Users;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Data;
using ConfigAdmin.Data.Health;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace ConfigAdmin.Tests.Components.Shared;

/// <summary>
/// bunit context over the real services and a real, migrated SQLite file. MudBlazor services are only
/// IAsyncDisposable, so the context is disposed asynchronously through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("configadmin-bunit-").FullName;
    private readonly ServiceProvider _data;

    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.PopoverOptions.Delay = TimeSpan.Zero;
            o.PopoverOptions.Duration = TimeSpan.Zero;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:ConfigAdmin"] = $"Data Source={Path.Combine(_dir, "configadmin.db")}",
            ["Security:MasterKey"] = Infrastructure.TestDatabase.MasterKey,
        }).Build();
        var data = new ServiceCollection().AddLogging().AddConfigAdminCore().AddConfigAdminData(configuration, _dir);
        data.AddConfigAdminIdentity();
        _data = data.BuildServiceProvider();
        Gate = new GatedDbFactory(_data.GetRequiredService<IConfigAdminDbFactory>());

        Services.AddLogging();
        Services.AddConfigAdminCore();
        Services.AddSingleton<IConfigAdminDbFactory>(Gate);
        Services.AddSingleton(_data.GetRequiredService<ISecretProtector>());
        Services.AddSingleton(_data.GetRequiredService<IUserAccessSource>());
        // People live in Identity's store on the same database: its user manager comes from the data services' scopes.
        Services.AddScoped(sp => new UserAccounts(_data.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<AuditRecorder>(), sp.GetRequiredService<ChangeFeed>()));
        Services.AddScoped<UserAdminService>();
        // Components render for a signed-in admin of every application, as the pages' [Authorize] would require.
        Authorization = this.AddAuthorization();
        Authorization.SetAuthorized(Admin.Name);
        Authorization.SetPolicies(Policies.Viewer, Policies.GlobalAdmin);
        // Last: it builds the renderer, after which no service can be added.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    public static readonly Caller Admin = new(CallerKind.User, "admin@example.com", [new Grant(Role.Admin, null)]);

    /// <summary>Who the rendered components believe is signed in (bunit's fake authentication state).</summary>
    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Makes every service the components call act as <paramref name="caller"/>.</summary>
    protected void ActAs(Caller caller) => Services.GetRequiredService<ChangeContext>().ActAs(caller);

    /// <summary>The database as the UI sees it; close it to hold every operation (a save in flight).</summary>
    protected GatedDbFactory Gate { get; }

    /// <summary>Seeds through the same services the UI uses.</summary>
    protected TestData Data => new(Services);

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Whether <paramref name="email"/> signs in with <paramref name="password"/>, asked of Identity's store itself.</summary>
    protected async Task<bool> PasswordWorksAsync(string email, string password)
    {
        await using var scope = _data.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ConfigAdmin.Data.Identity.ConfigAdminUser>>();
        return await users.FindByEmailAsync(email) is { } user && await users.CheckPasswordAsync(user, password);
    }

    /// <summary>Renders <typeparamref name="T"/> beside the popover, dialog and snackbar providers; query the host for dialogs.</summary>
    protected IRenderedComponent<TestHost> RenderHosted<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null)
        where T : IComponent =>
        Render<TestHost>(p => p.AddChildContent<T>(parameters ?? (_ => { })));

    public async Task InitializeAsync()
    {
        await Infrastructure.MigratedTemplate.CopySqliteAsync(Path.Combine(_dir, "configadmin.db"));
        await _data.GetRequiredService<IDatabaseMaintenance>().MigrateAsync(CancellationToken.None);
        await using var scope = _data.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(Caller.System);
        await scope.ServiceProvider.GetRequiredService<EnvironmentService>().EnsureDefaultsAsync();
        ActAs(Admin);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Gate.Open();
        await DisposeAsync();
        await _data.DisposeAsync();
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
