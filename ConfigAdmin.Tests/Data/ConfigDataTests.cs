using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Tests.Data;

[Trait("Category", "Database")]
public abstract class ConfigDataTests(ServiceHost host)
{
    public static TheoryData<ConfigValueType, string> GoodValues => new()
    {
        { ConfigValueType.String, "" }, { ConfigValueType.String, "héllo ✓ 😀" },
        { ConfigValueType.Integer, "0" }, { ConfigValueType.Integer, "-9223372036854775808" }, { ConfigValueType.Integer, "9223372036854775807" },
        { ConfigValueType.Number, "3.14" }, { ConfigValueType.Number, "-1e-10" }, { ConfigValueType.Number, "42" },
        { ConfigValueType.Boolean, "true" }, { ConfigValueType.Boolean, "false" },
        { ConfigValueType.Json, "{\"a\":[1,2,{\"b\":null}]}" }, { ConfigValueType.Json, "\"text\"" }, { ConfigValueType.Json, "12" },
    };

    public static TheoryData<ConfigValueType, string> BadValues => new()
    {
        { ConfigValueType.String, "nul\0inside" },
        { ConfigValueType.Integer, "1.5" }, { ConfigValueType.Integer, "9223372036854775808" }, { ConfigValueType.Integer, "12abc" },
        { ConfigValueType.Integer, " 1" }, { ConfigValueType.Integer, "" },
        { ConfigValueType.Number, "NaN" }, { ConfigValueType.Number, "Infinity" }, { ConfigValueType.Number, "1,5" },
        { ConfigValueType.Number, "1e400" }, { ConfigValueType.Number, "" },
        { ConfigValueType.Boolean, "True" }, { ConfigValueType.Boolean, "yes" }, { ConfigValueType.Boolean, "1" },
        { ConfigValueType.Json, "{a:1}" }, { ConfigValueType.Json, "[1,2" }, { ConfigValueType.Json, "" },
    };

    [Theory]
    [MemberData(nameof(GoodValues))]
    public async Task Create_GoodValueOfEachType_IsStoredAndResolvedTyped(ConfigValueType type, string value)
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);

        var config = await host.Get<ConfigService>(scope).CreateAsync(A.Config(app, "Key", type, value, new() { ["production"] = value }));

        Assert.Equal(value, config.DefaultValue);
        Assert.Equal(value, config.Overrides["production"]);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task Create_BadValueOfEachType_IsValidationErrorAndStoresNothing(ConfigValueType type, string value)
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);

        var asDefault = await Assert.ThrowsAsync<ValidationException>(() => configs.CreateAsync(A.Config(app, "Key", type, value)));
        var asOverride = await Assert.ThrowsAsync<ValidationException>(() =>
            configs.CreateAsync(A.Config(app, "Key", type, null, new() { ["staging"] = value })));

        Assert.Contains(asDefault.Errors, e => e.PropertyName == "DefaultValue");
        Assert.Contains(asOverride.Errors, e => e.PropertyName == "overrides.staging");
        Assert.Equal(0, (await configs.ListAsync(new ConfigQuery(app))).TotalCount);
    }

    [Fact]
    public async Task Create_ValueOver64KiB_IsRefused()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        await configs.CreateAsync(A.Config(app, "Fits", defaultValue: new string('x', 64 * 1024)));

        // 32 Ki characters of 'é' are 64 KiB of UTF-16 code units but 64 KiB + 2 bytes... of UTF-8 when one more is added.
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            configs.CreateAsync(A.Config(app, "TooBig", defaultValue: new string('é', 32 * 1024 + 1))));

        Assert.Contains("64 KiB", ex.Errors.Single().ErrorMessage);
    }

    [Theory]
    [InlineData("a..b")]
    [InlineData("a:")]
    [InlineData(":a")]
    [InlineData("a__b")]
    [InlineData("with space")]
    [InlineData("")]
    public async Task Create_BadKey_IsValidationError(string key)
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);

        await Assert.ThrowsAsync<ValidationException>(() => host.Get<ConfigService>(scope).CreateAsync(A.Config(app, key)));
    }

    [Fact]
    public async Task Create_KeyDifferingOnlyInCase_IsConflictAndWritesNoAudit()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        await configs.CreateAsync(A.Config(app, "Logging:Level"));
        var audit = await host.Get<AuditService>(scope).CountAsync();

        var ex = await Assert.ThrowsAsync<ConflictException>(() => configs.CreateAsync(A.Config(app, "LOGGING:level")));

        Assert.Equal(ErrorCodes.NameTaken, ex.Code);
        Assert.Equal(audit, await host.Get<AuditService>(scope).CountAsync());
    }

    [Fact]
    public async Task Create_OverrideForUnknownEnvironment_LeavesNoRowAndNoAudit()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var audit = await host.Get<AuditService>(scope).CountAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => host.Get<ConfigService>(scope)
            .CreateAsync(A.Config(app, overrides: new() { ["production"] = "ok", ["nowhere"] = "x" })));

        Assert.Equal(audit, await host.Get<AuditService>(scope).CountAsync());
        await using var db = await host.RawContextAsync();
        Assert.False(await db.Configs.AnyAsync(c => c.Application!.Name == app));
        Assert.False(await db.Overrides.AnyAsync(o => o.Config!.Application!.Name == app));
    }

    [Fact]
    public async Task Create_WithTwoOverrides_WritesThreeAuditEntries()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);

        await host.Get<ConfigService>(scope).CreateAsync(A.Config(app, overrides: new() { ["staging"] = "s", ["production"] = "p" }));

        var entries = await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: app, EntityType: null));
        Assert.Equal(2, entries.Items.Count(e => e.EntityType == AuditEntityType.Override));
        Assert.Single(entries.Items, e => e.EntityType == AuditEntityType.Config);
    }

    [Fact]
    public async Task UpdateType_OverrideNoLongerParses_IsRefusedAndNothingChanges()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        var config = await configs.CreateAsync(A.Config(app, "Port", ConfigValueType.String, "80", new() { ["production"] = "eighty" }));

        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            configs.UpdateAsync(config.Id, config.ToUpdateInput() with { ValueType = ConfigValueType.Integer }, config.Version));

        Assert.Equal("overrides.production", ex.Errors.Single().PropertyName);
        Assert.Equal(ConfigValueType.String, (await configs.GetAsync(config.Id)).ValueType);
    }

    [Fact]
    public async Task SetOverride_ChangesTheKeysVersionAndAuditsBeforeAndAfter()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        var config = await configs.CreateAsync(A.Config(app, "Timeout", ConfigValueType.Integer, "30"));

        var set = await configs.SetOverrideAsync(config.Id, "production", "10", config.Version);
        var changed = await configs.SetOverrideAsync(config.Id, "production", "20", set.Version);
        var same = await configs.SetOverrideAsync(config.Id, "production", "20", null);
        var removed = await configs.RemoveOverrideAsync(config.Id, "production", same.Version);

        Assert.Equal([2L, 3L, 3L, 4L], new[] { set.Version, changed.Version, same.Version, removed.Version });
        var entries = (await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: app, EntityType: AuditEntityType.Override))).Items;
        Assert.Equal([AuditAction.Deleted, AuditAction.Updated, AuditAction.Created], entries.Select(e => e.Action));
        Assert.Equal("10", entries[1].Before!.Value.GetProperty("value").GetString());
        Assert.Equal("20", entries[1].After!.Value.GetProperty("value").GetString());
        await Assert.ThrowsAsync<StaleVersionException>(() => configs.SetOverrideAsync(config.Id, "staging", "1", set.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => configs.RemoveOverrideAsync(config.Id, "production", null));
    }

    [Fact]
    public async Task Secret_IsMaskedInAuditAndAdminReads_AndClearInResolution()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);

        var config = await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "hunter2", overrides: new() { ["production"] = "s3cret" }, secret: true));
        await configs.SetOverrideAsync(config.Id, "production", "rotated", null);

        Assert.Equal("***", config.DefaultValue);
        Assert.Equal("***", config.Overrides["production"]);
        Assert.Equal("hunter2", (await configs.RevealAsync(config.Id)).DefaultValue);
        var entries = await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: app));
        var text = string.Join("|", entries.Items.Select(e => $"{e.Before}{e.After}"));
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("s3cret", text);
        Assert.DoesNotContain("rotated", text);
        var resolved = await host.Get<Core.Resolution.ResolutionService>(scope).GetDocumentAsync(app, "production", explain: false);
        Assert.Equal("""{"Db:Password":"rotated"}""", System.Text.Encoding.UTF8.GetString(resolved.Body));
    }

    [Fact]
    public async Task BecomingSecret_MasksBothSidesOfThatEntry()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        var config = await configs.CreateAsync(A.Config(app, "Token", defaultValue: "visible-before"));

        await configs.UpdateAsync(config.Id, config.ToUpdateInput() with { IsSecret = true, DefaultValue = "hidden-after" }, config.Version);

        var entry = (await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: app, Action: AuditAction.Updated))).Items.Single();
        Assert.Equal("***", entry.Before!.Value.GetProperty("defaultValue").GetString());
        Assert.Equal("***", entry.After!.Value.GetProperty("defaultValue").GetString());
        Assert.True(entry.After!.Value.GetProperty("isSecret").GetBoolean());
    }

    [Fact]
    public async Task Update_MaskedDefaultOnSecretKey_KeepsTheStoredSecret()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        var config = await configs.CreateAsync(A.Config(app, "Api:Key", defaultValue: "real-key", secret: true));

        var updated = await configs.UpdateAsync(config.Id, config.ToUpdateInput() with { Description = "Rotated yearly." }, null);

        Assert.Equal("Rotated yearly.", updated.Description);
        Assert.Equal("real-key", (await configs.RevealAsync(config.Id)).DefaultValue);
    }

    [Fact]
    public async Task Update_MaskedDefaultOnSecretIntegerKey_KeepsItAndStillChecksTypeChanges()
    {
        await using var scope = host.Scope();
        var app = await NewAppAsync(scope);
        var configs = host.Get<ConfigService>(scope);
        var config = await configs.CreateAsync(A.Config(app, "Pin", ConfigValueType.Integer, "1234", secret: true));

        var updated = await configs.UpdateAsync(config.Id, config.ToUpdateInput() with { Description = "Door pin." }, null);
        var ex = await Assert.ThrowsAsync<ValidationException>(() =>
            configs.UpdateAsync(config.Id, updated.ToUpdateInput() with { ValueType = ConfigValueType.Boolean }, null));

        Assert.Equal("1234", (await configs.RevealAsync(config.Id)).DefaultValue);
        Assert.Equal("defaultValue", ex.Errors.Single().PropertyName);
    }

    [Fact]
    public async Task Audit_RecordsCorrelationIdAndCannotBeChangedInTheDatabase()
    {
        await using var scope = host.Scope();
        host.Get<ChangeContext>(scope).CorrelationId = "trace-123";
        var app = await NewAppAsync(scope);
        await using var db = await host.RawContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.ApplicationName == app);
        Assert.Equal("trace-123", entry.CorrelationId);

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET \"Actor\" = 'mallory' WHERE \"Id\" = {entry.Id}"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE \"Id\" = {entry.Id}"));

        await using var check = await host.RawContextAsync();
        Assert.Equal(host.Get<ChangeContext>(scope).Actor, (await check.AuditEntries.SingleAsync(e => e.Id == entry.Id)).Actor);
    }

    private async Task<string> NewAppAsync(Microsoft.Extensions.DependencyInjection.AsyncServiceScope scope) => (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
}

public sealed class ConfigDataTestsOnSqlite(SqliteServiceHost host) : ConfigDataTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ConfigDataTestsOnPostgres(PostgresServiceHost host) : ConfigDataTests(host), IClassFixture<PostgresServiceHost>;
