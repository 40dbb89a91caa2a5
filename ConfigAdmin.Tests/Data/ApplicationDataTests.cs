using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Tests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Tests.Data;

[Trait("Category", "Database")]
public abstract class ApplicationDataTests(ServiceHost host)
{
    [Fact]
    public async Task Create_ValidInput_StoresAndAuditsIt()
    {
        await using var scope = host.Scope("alice");
        var apps = host.Get<ApplicationService>(scope);
        var name = A.Name();

        var created = await apps.CreateAsync(A.Application(name));

        Assert.Equal(name, created.Name);
        Assert.Equal(1, created.Version);
        Assert.Equal(DateTimeKind.Utc, (await apps.GetAsync(name.ToUpperInvariant())).CreatedAt.Kind);
        var audit = await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: name));
        var entry = Assert.Single(audit.Items);
        Assert.Equal(("alice", AuditAction.Created, AuditEntityType.Application), (entry.Actor, entry.Action, entry.EntityType));
        Assert.Null(entry.Before);
        Assert.Equal(name, entry.After!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_NameDifferingOnlyInCase_IsConflict()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);
        var name = A.Name("Case");
        await apps.CreateAsync(A.Application(name));

        var ex = await Assert.ThrowsAsync<ConflictException>(() => apps.CreateAsync(A.Application(name.ToLowerInvariant())));

        Assert.Equal(ErrorCodes.NameTaken, ex.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("ünïcode")]
    public async Task Create_BadName_IsValidationErrorAndStoresNothing(string name)
    {
        await using var scope = host.Scope();
        var before = await host.Get<AuditService>(scope).CountAsync();

        await Assert.ThrowsAsync<ValidationException>(() => host.Get<ApplicationService>(scope).CreateAsync(A.Application(name)));

        Assert.Equal(before, await host.Get<AuditService>(scope).CountAsync());
    }

    [Fact]
    public async Task Update_Rename_KeepsKeysAndHistory()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);
        var name = A.Name();
        await apps.CreateAsync(A.Application(name));
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(name));
        var renamed = A.Name("renamed");
        // Adding the key changed the application (its key count): its version moved on from 1.
        var current = (await apps.GetAsync(name)).Version;

        var updated = await apps.UpdateAsync(name, A.Application(renamed), expectedVersion: current);

        Assert.Equal((renamed, current + 1, 1), (updated.Name, updated.Version, updated.ConfigCount));
        await Assert.ThrowsAsync<NotFoundException>(() => apps.GetAsync(name));
        var history = await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: renamed));
        Assert.Equal(3, history.TotalCount);
        Assert.Contains(history.Items, e => e.Application == name && e.Action == AuditAction.Created);
    }

    [Fact]
    public async Task Update_NothingChanged_StoresNothingAndWritesNoAudit()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);
        var name = A.Name();
        await apps.CreateAsync(A.Application(name));

        var same = await apps.UpdateAsync(name, A.Application(name), null);

        Assert.Equal(1, same.Version);
        Assert.Equal(1, (await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: name))).TotalCount);
    }

    [Fact]
    public async Task Update_StaleExpectedVersion_IsRefusedAndChangesNothing()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);
        var name = A.Name();
        await apps.CreateAsync(A.Application(name));
        await apps.UpdateAsync(name, A.Application(name) with { Owner = "Second" }, 1);

        await Assert.ThrowsAsync<StaleVersionException>(() => apps.UpdateAsync(name, A.Application(name) with { Owner = "Third" }, 1));

        Assert.Equal("Second", (await apps.GetAsync(name)).Owner);
    }

    [Fact]
    public async Task SaveChanges_StaleConcurrencyToken_IsConflict()
    {
        await using var scope = host.Scope();
        var name = A.Name();
        await host.Get<ApplicationService>(scope).CreateAsync(A.Application(name));
        await using var first = await host.RawContextAsync();
        await using var second = await host.RawContextAsync();
        var a = await first.Applications.SingleAsync(x => x.NormalizedName == name.ToUpperInvariant());
        var b = await second.Applications.SingleAsync(x => x.NormalizedName == name.ToUpperInvariant());
        a.Owner = "first";
        await first.SaveChangesAsync();

        b.Owner = "second";

        await Assert.ThrowsAsync<ConcurrentWriteException>(() => second.SaveChangesAsync());
    }

    [Fact]
    public async Task Delete_KeepsAuditHistoryIncludingItsKeys()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);
        var name = A.Name();
        await apps.CreateAsync(A.Application(name));
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(name, overrides: new() { ["production"] = "p" }));

        await apps.DeleteAsync(name, null);

        await Assert.ThrowsAsync<NotFoundException>(() => apps.GetAsync(name));
        var history = await host.Get<AuditService>(scope).QueryAsync(new AuditQuery(Application: name));
        Assert.Equal(6, history.TotalCount); // app, key, override created; override, key, app deleted
        Assert.Equal(AuditEntityType.Application, history.Items[0].EntityType);
        Assert.Equal(AuditAction.Deleted, history.Items[0].Action);
    }

    [Fact]
    public async Task List_SearchSortAndPage_AreApplied()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);
        var tag = Guid.NewGuid().ToString("N")[..8];
        foreach (var n in new[] { "b", "a", "c" }) await apps.CreateAsync(A.Application($"{n}-{tag}"));

        var page = await apps.ListAsync(new ApplicationQuery(tag.ToUpperInvariant(), "-name", 1, 2));

        Assert.Equal(3, page.TotalCount);
        Assert.Equal([$"c-{tag}", $"b-{tag}"], page.Items.Select(a => a.Name));
        await Assert.ThrowsAsync<ValidationException>(() => apps.ListAsync(new ApplicationQuery(Sort: "colour")));
        await Assert.ThrowsAsync<ValidationException>(() => apps.ListAsync(new ApplicationQuery(PageSize: 501)));
        await Assert.ThrowsAsync<ValidationException>(() => apps.ListAsync(new ApplicationQuery(Page: 0)));
    }

    [Fact]
    public async Task Names_WithATrailingNewline_AreRefused()
    {
        await using var scope = host.Scope();
        var apps = host.Get<ApplicationService>(scope);

        await Assert.ThrowsAsync<ValidationException>(() => apps.CreateAsync(A.Application(A.Name("nl-app") + "\n")));
        await Assert.ThrowsAsync<ValidationException>(() => apps.CreateAsync(A.Application() with { ContactEmail = "team@example.com\n" }));
        await Assert.ThrowsAsync<ValidationException>(() => host.Get<EnvironmentService>(scope).CreateAsync(new("qa\n", null)));
    }
}

public sealed class ApplicationDataTestsOnSqlite(SqliteServiceHost host) : ApplicationDataTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ApplicationDataTestsOnPostgres(PostgresServiceHost host) : ApplicationDataTests(host), IClassFixture<PostgresServiceHost>;
