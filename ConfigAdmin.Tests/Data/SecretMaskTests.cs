using System.Text;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Data;

/// <summary>
/// The secret mask ("***") sent back in a write, on both providers: where the key is and stays secret it means "keep the
/// stored value"; anywhere else it is an ordinary value.
/// </summary>
[Trait("Category", "Database")]
public abstract class SecretMaskTests(ServiceHost host)
{
    private ResolutionService Resolution => host.Services.GetRequiredService<ResolutionService>();

    [Fact]
    public async Task SecretMask_ClearingSecretWhileSendingTheMask_KeepsTheStoredValue()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true));

        var updated = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { IsSecret = false }, null);

        Assert.Equal("s3cret", updated.DefaultValue);
        Assert.Equal("""{"Db:Password":"s3cret"}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task SecretMask_OnANonSecretIntegerKeyMadeSecret_IsAValueLikeAnyOther()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Port", ConfigValueType.Integer, "5432"));

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            configs.UpdateAsync(key.Id, key.ToUpdateInput() with { IsSecret = true, DefaultValue = SecretMask.Text }, null));

        Assert.Contains(ex.Errors, e => e.PropertyName == "defaultValue");
        Assert.Equal("""{"Port":5432}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task SecretMask_OnASecretIntegerKey_KeepsItsValueWhileOtherFieldsChange()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Pin", ConfigValueType.Integer, "1234", secret: true));

        var updated = await configs.UpdateAsync(key.Id, key.ToUpdateInput() with { Description = "The door pin" }, null);

        Assert.Equal(("The door pin", SecretMask.Text), (updated.Description, updated.DefaultValue));
        Assert.Equal("""{"Pin":1234}""", await ReadAsync(app, "production"));
    }

    [Fact]
    public async Task SecretMask_SentForAStoredSecretOverride_ChangesNothing()
    {
        await using var scope = host.Scope();
        var (app, configs) = (await NewAppAsync(scope), host.Get<ConfigService>(scope));
        var key = await configs.CreateAsync(A.Config(app, "Token", defaultValue: "dev", secret: true,
            overrides: new() { ["production"] = "live" }));

        var same = await configs.SetOverrideAsync(key.Id, "production", SecretMask.Text, null);

        Assert.Equal(key.Version, same.Version);
        Assert.Equal("""{"Token":"live"}""", await ReadAsync(app, "production"));
    }

    private async Task<string> ReadAsync(string app, string env) =>
        Encoding.UTF8.GetString((await Resolution.GetDocumentAsync(app, env, explain: false)).Body);

    private async Task<string> NewAppAsync(AsyncServiceScope scope) =>
        (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
}

public sealed class SecretMaskTestsOnSqlite(SqliteServiceHost host) : SecretMaskTests(host), IClassFixture<SqliteServiceHost>;

public sealed class SecretMaskTestsOnPostgres(PostgresServiceHost host) : SecretMaskTests(host), IClassFixture<PostgresServiceHost>;
