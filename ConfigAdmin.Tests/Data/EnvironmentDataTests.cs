using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Data;

[Trait("Category", "Database")]
public abstract class EnvironmentDataTests(ServiceHost host)
{
    [Fact]
    public async Task Defaults_ExistAfterFirstStart_InSortOrder()
    {
        await using var scope = host.Scope();

        var all = await host.Get<EnvironmentService>(scope).AllAsync();

        Assert.Equal(["development", "staging", "production"], all.Select(e => e.Name).Where(n => n is "development" or "staging" or "production"));
    }

    [Fact]
    public async Task LoadEnvironments_EachUnitOfWorkTracksThemAgain_PooledContextsIncluded()
    {
        var factory = host.Services.GetRequiredService<IConfigAdminDbFactory>();

        for (var i = 0; i < 20; i++)
        {
            await using var db = await factory.CreateAsync();
            await db.LoadEnvironmentsAsync(default);
            await db.LoadEnvironmentsAsync(default);

            Assert.Equal("production", db.FindLoadedEnvironment("Production").Name);
            Assert.Contains("staging", db.LoadedEnvironments().Select(e => e.Name));
        }
    }

    [Fact]
    public async Task Delete_InUse_IsConflictSayingHowMany()
    {
        await using var scope = host.Scope();
        var envs = host.Get<EnvironmentService>(scope);
        var env = A.Name("env");
        await envs.CreateAsync(new EnvironmentInput(env, "temp", 99));
        var app = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app, "A", overrides: new() { [env] = "1" }));
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app, "B", overrides: new() { [env] = "2" }));

        var ex = await Assert.ThrowsAsync<ConflictException>(() => envs.DeleteAsync(env, null));

        Assert.Equal(ErrorCodes.EnvironmentInUse, ex.Code);
        Assert.Contains("2 overrides", ex.Message);
        Assert.Equal(2, (await envs.GetAsync(env)).OverrideCount);
    }

    [Fact]
    public async Task Delete_Unused_RemovesIt()
    {
        await using var scope = host.Scope();
        var envs = host.Get<EnvironmentService>(scope);
        var env = A.Name("env");
        var created = await envs.CreateAsync(new EnvironmentInput(env, null, 5));

        await envs.DeleteAsync(env, created.Version);

        await Assert.ThrowsAsync<NotFoundException>(() => envs.GetAsync(env));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("-dev")]
    [InlineData("dev-")]
    [InlineData("with_underscore")]
    [InlineData("")]
    public async Task Create_BadName_IsValidationError(string name)
    {
        await using var scope = host.Scope();

        await Assert.ThrowsAsync<ValidationException>(() => host.Get<EnvironmentService>(scope).CreateAsync(new EnvironmentInput(name, null)));
    }

    [Fact]
    public async Task Create_Duplicate_IsConflict_AndRenameIsRefused()
    {
        await using var scope = host.Scope();
        var envs = host.Get<EnvironmentService>(scope);

        await Assert.ThrowsAsync<ConflictException>(() => envs.CreateAsync(new EnvironmentInput("production", null)));
        await Assert.ThrowsAsync<ValidationException>(() => envs.UpdateAsync("production", new EnvironmentInput("prod", null, 30), null));
    }
}

public sealed class EnvironmentDataTestsOnSqlite(SqliteServiceHost host) : EnvironmentDataTests(host), IClassFixture<SqliteServiceHost>;

public sealed class EnvironmentDataTestsOnPostgres(PostgresServiceHost host) : EnvironmentDataTests(host), IClassFixture<PostgresServiceHost>;
