using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Tests.Infrastructure;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>
/// The protection guard on the direct writes (design §11): a write that changes a protected environment's resolved
/// document is refused with approval_required and changes nothing; one that leaves it as it was goes through.
/// </summary>
[Trait("Category", "Database")]
public abstract class ProtectionTests(ServiceHost host)
{
    private static readonly Core.Access.Caller Editor = ReviewTestKit.Author;

    [Fact]
    public async Task SetOverride_InAProtectedEnvironment_IsRefusedNamingIt_AndChangesNothing()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var before = await kit.DocumentAsync();

        var refused = await Assert.ThrowsAsync<ApprovalRequiredException>(() =>
            kit.Configs(Editor, c => c.SetOverrideAsync(kit.KeyId, kit.Protected, "99", null)));

        Assert.Equal([kit.Protected], refused.Environments);
        Assert.Equal(kit.App, refused.Application);
        Assert.Equal(before, await kit.DocumentAsync());
        Assert.Equal("10", (await kit.Configs(Editor, c => c.GetAsync(kit.KeyId))).Overrides[kit.Protected]);
    }

    [Fact]
    public async Task Writes_ThatLeaveTheProtectedDocumentAsItWas_GoThrough()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var before = await kit.DocumentAsync();

        await kit.Configs(Editor, c => c.SetOverrideAsync(kit.KeyId, "staging", "25", null));
        // The protected environment overrides the default, so a new default is not its business.
        await kit.Configs(Editor, c => c.UpdateAsync(kit.KeyId, new ConfigUpdateInput("Timeout", ConfigValueType.Integer, "45", "Seconds."), null));
        // A key with no default and no value there does not appear there.
        await kit.Configs(Editor, c => c.CreateAsync(A.Config(kit.App, "Staging:Only", ConfigValueType.String, null, new() { ["staging"] = "x" })));

        Assert.Equal(before, await kit.DocumentAsync());
        Assert.Contains("\"Timeout\":25", await kit.DocumentAsync("staging"));
    }

    [Fact]
    public async Task Writes_ThatChangeWhatTheProtectedEnvironmentReads_AreEachRefused()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var inherited = await kit.Configs(ReviewTestKit.Admin, c => c.CreateAsync(A.Config(kit.App, "Inherited", ConfigValueType.String, null)));
        await kit.Configs(ReviewTestKit.Admin, c => c.SetOverrideAsync(inherited.Id, "staging", "s", null));
        var before = await kit.DocumentAsync();

        Task Refused(Func<ConfigService, Task> write) =>
            Assert.ThrowsAsync<ApprovalRequiredException>(() => kit.As(Editor, async s => { await write(s.GetRequiredService<ConfigService>()); return 0; }));

        await Refused(c => c.CreateAsync(A.Config(kit.App, "New:Key", ConfigValueType.String, "appears everywhere")));
        await Refused(c => c.UpdateAsync(inherited.Id, new ConfigUpdateInput("Inherited", ConfigValueType.String, "now a default", null), null));
        await Refused(c => c.RemoveOverrideAsync(kit.KeyId, kit.Protected, null));
        await Refused(c => c.DeleteAsync(kit.KeyId, null));
        await Refused(c => c.UpdateAsync(kit.KeyId, new ConfigUpdateInput("Renamed", ConfigValueType.Integer, "30", null), null));
        await Refused(c => c.UpdateAsync(kit.KeyId, new ConfigUpdateInput("Timeout", ConfigValueType.String, "30", null), null));
        await Refused(c => c.UpdateAsync(kit.KeyId, new ConfigUpdateInput("Timeout", ConfigValueType.Integer, "30", null, IsSecret: true), null));

        Assert.Equal(before, await kit.DocumentAsync());
    }

    [Fact]
    public async Task ASchemaChange_OnAKeyShownInAProtectedEnvironment_IsRefused_ButNotOnAKeyAbsentThere()
    {
        var kit = await new ReviewTestKit(host).CreateAsync(approvals: 0);
        var shown = await kit.Configs(ReviewTestKit.Admin, c => c.CreateAsync(A.Config(kit.App, "Limits", ConfigValueType.Json, """{"n":1}""")));
        var absent = await kit.Configs(ReviewTestKit.Admin, c => c.CreateAsync(A.Config(kit.App, "Staging:Limits", ConfigValueType.Json, null,
            new() { ["staging"] = """{"n":2}""" })));
        await kit.ProtectAsync(1);
        const string schema = """{"properties":{"n":{"type":"integer"}}}""";
        var before = await kit.DocumentAsync();

        var refused = await Assert.ThrowsAsync<ApprovalRequiredException>(() =>
            kit.Configs(Editor, c => c.UpdateAsync(shown.Id, shown.ToUpdateInput() with { Schema = schema }, null)));
        var updated = await kit.Configs(Editor, c => c.UpdateAsync(absent.Id, absent.ToUpdateInput() with { Schema = schema }, null));

        Assert.Equal([kit.Protected], refused.Environments);
        Assert.Null((await kit.Configs(Editor, c => c.GetAsync(shown.Id))).Schema);
        Assert.Equal(schema, updated.Schema);
        Assert.Equal(before, await kit.DocumentAsync());
    }

    [Fact]
    public async Task RenamingOrDeletingAnApplication_WithADocumentInAProtectedEnvironment_IsRefused()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        await using var scope = host.Scope(ReviewTestKit.Admin);
        var apps = host.Get<ApplicationService>(scope);

        await Assert.ThrowsAsync<ApprovalRequiredException>(() => apps.UpdateAsync(kit.App, A.Application(A.Name("renamed")), null));
        await Assert.ThrowsAsync<ApprovalRequiredException>(() => apps.DeleteAsync(kit.App, null));
        // Fields that never reach a client read are not protected.
        var described = await apps.UpdateAsync(kit.App, A.Application(kit.App) with { Description = "Now described." }, null);

        Assert.Equal("Now described.", described.Description);
        Assert.NotEmpty(await kit.DocumentAsync());
    }

    [Fact]
    public async Task AnApplicationWithNothingInTheProtectedEnvironment_IsRenamedAndDeletedFreely()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        await using var scope = host.Scope(ReviewTestKit.Admin);
        var apps = host.Get<ApplicationService>(scope);
        var other = (await apps.CreateAsync(A.Application())).Name;
        await host.Get<ConfigService>(scope).CreateAsync(A.Config(other, "Staging:Only", ConfigValueType.String, null, new() { ["staging"] = "x" }));
        var renamed = A.Name("renamed");

        await apps.UpdateAsync(other, A.Application(renamed), null);
        await apps.DeleteAsync(renamed, null);

        await Assert.ThrowsAsync<Core.Common.NotFoundException>(() => apps.GetAsync(renamed));
    }

    [Fact]
    public async Task RequiredApprovals_AreValidated_Audited_AndKeptByAReplaceThatOmitsThem()
    {
        var kit = await new ReviewTestKit(host).CreateAsync(approvals: 2);
        await using var scope = host.Scope(ReviewTestKit.Admin);
        var envs = host.Get<EnvironmentService>(scope);

        await Assert.ThrowsAsync<ValidationException>(() => envs.UpdateAsync(kit.Protected, new EnvironmentInput(kit.Protected, null, 100, RequiredApprovals: 6), null));
        var kept = await envs.UpdateAsync(kit.Protected, new EnvironmentInput(kit.Protected, "described", 100), null);

        Assert.Equal(2, kept.RequiredApprovals);
        await using var db = await host.RawContextAsync();
        var entries = await db.AuditEntries.Where(e => e.EntityType == AuditEntityType.Environment && e.Environment == kit.Protected).ToListAsync();
        Assert.Contains(entries, e => e.After!.Contains("\"requiredApprovals\":2") && e.Before!.Contains("\"requiredApprovals\":0"));
    }

    [Fact]
    public async Task DeletingAProtectedEnvironment_IsRefusedUntilItIsUnprotected()
    {
        await using var scope = host.Scope(ReviewTestKit.Admin);
        var envs = host.Get<EnvironmentService>(scope);
        var name = A.Name("gone");
        await envs.CreateAsync(new EnvironmentInput(name, null, 200, RequiredApprovals: 1));

        await Assert.ThrowsAsync<ApprovalRequiredException>(() => envs.DeleteAsync(name, null));
        await envs.UpdateAsync(name, new EnvironmentInput(name, null, 200, RequiredApprovals: 0), null);
        await envs.DeleteAsync(name, null);

        await Assert.ThrowsAsync<Core.Common.NotFoundException>(() => envs.GetAsync(name));
    }
}

public sealed class ProtectionTestsOnSqlite(SqliteServiceHost host) : ProtectionTests(host), IClassFixture<SqliteServiceHost>;

public sealed class ProtectionTestsOnPostgres(PostgresServiceHost host) : ProtectionTests(host), IClassFixture<PostgresServiceHost>;
