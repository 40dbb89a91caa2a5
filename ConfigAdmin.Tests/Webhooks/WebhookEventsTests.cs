using System.Text;
using System.Text.Json;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Core.Transfer;
using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Tests.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// What goes into the outbox, read back from its rows: one <c>config.changed</c> per committed change whatever path
/// made it, a <c>change_request.*</c> per step of a request's life, <c>secret.revealed</c> per reveal, each only for
/// the webhooks whose filters want it, nothing for a write that was refused or never committed.
/// </summary>
[Trait("Category", "Database")]
public abstract class WebhookEventsTests(WebhookServiceHost host) : IAsyncLifetime
{
    private const string Url = "http://127.0.0.1:9/never-contacted";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => host.DeleteWebhooksAsync();

    private async Task<WebhookDto> ListenAsync(string app, params string[] events) =>
        await host.RegisterAsync(Url, events.Length == 0 ? ["*"] : events, [app]);

    private async Task<List<(string Name, JsonElement Data, long? Revision)>> EventsAsync(WebhookDto webhook) =>
        (await host.DeliveriesAsync(webhook.Id)).Select(d => (d.Event!.Name, JsonDocument.Parse(d.Event.Data).RootElement, d.Event.Revision)).ToList();

    private Task<T> As<T>(Func<IServiceProvider, Task<T>> act) => host.WithServiceAsync(act);

    [Fact]
    public async Task AnImportOfManyKeys_IsOneConfigChanged_ListingEveryDocumentChange()
    {
        var (app, _, _) = await host.AppAsync();
        var webhook = await ListenAsync(app, WebhookEvents.ConfigChanged);

        await As(s => s.GetRequiredService<TransferService>().ImportAsync(app, new ImportRequest("env", "staging"),
            Encoding.UTF8.GetBytes("A=1\nB=2\nTimeout=40\n")));

        var (name, data, revision) = Assert.Single(await EventsAsync(webhook));
        Assert.Equal(WebhookEvents.ConfigChanged, name);
        Assert.NotNull(revision);
        Assert.Equal(["staging"], data.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, data.GetProperty("changeCount").GetInt32());
        Assert.Equal(["A:staging::1", "B:staging::2", "Timeout:staging:30:40"], data.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("key").GetString()}:{c.GetProperty("environment").GetString()}:{c.GetProperty("from").GetString()}:{c.GetProperty("to").GetString()}"));
    }

    [Fact]
    public async Task WithoutAWebhookThatWantsIt_NoEventIsStored()
    {
        var (app, timeout, _) = await host.AppAsync();
        var (other, _, _) = await host.AppAsync();
        var elsewhere = await ListenAsync(other);
        var requestsOnly = await ListenAsync(app, WebhookEvents.ChangeRequestFamily);
        await using (var db = await host.RawContextAsync()) Assert.Equal(0, await db.WebhookEvents.CountAsync(e => e.Source == CloudEventBody.SourceOf(app)));

        await As(s => s.GetRequiredService<ConfigService>().SetOverrideAsync(timeout, "staging", "5", null));

        Assert.Empty(await EventsAsync(elsewhere));
        Assert.Empty(await EventsAsync(requestsOnly));
        await using var check = await host.RawContextAsync();
        Assert.Equal(0, await check.WebhookEvents.CountAsync(e => e.Source == CloudEventBody.SourceOf(app)));
    }

    [Fact]
    public async Task ARefusedWrite_AndAWriteThatNeverCommitted_LeaveNoEvent()
    {
        var (app, timeout, _) = await host.AppAsync();
        var webhook = await ListenAsync(app);
        var configs = (IServiceProvider s) => s.GetRequiredService<ConfigService>();

        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => As(s => configs(s).SetOverrideAsync(timeout, "staging", "many", null)));
        host.Hooks.AroundSave = _ => throw new InvalidOperationException("The database went away at commit.");
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => As(s => configs(s).SetOverrideAsync(timeout, "staging", "6", null)));
        }
        finally
        {
            host.Hooks.AroundSave = null;
        }

        Assert.Empty(await EventsAsync(webhook));
        await As(s => configs(s).SetOverrideAsync(timeout, "staging", "7", null));
        Assert.Single(await EventsAsync(webhook));
    }

    [Fact]
    public async Task ARenameAndADelete_OfAnApplication_AreConfigChangedToo()
    {
        var (app, _, _) = await host.AppAsync();
        var webhook = await ListenAsync(app, WebhookEvents.ConfigChanged);
        var renamed = A.Name("renamed");

        await As(s => s.GetRequiredService<ApplicationService>().UpdateAsync(app, A.Application(renamed), null));
        await As(async s =>
        {
            await s.GetRequiredService<ApplicationService>().DeleteAsync(renamed, null);
            return true;
        });

        var events = await EventsAsync(webhook);
        Assert.Equal(["renamed", "deleted"], events.Select(e => e.Data.GetProperty("applicationChange").GetString()));
        Assert.Equal([renamed, renamed], events.Select(e => e.Data.GetProperty("application").GetString()));
        var removed = events[1].Data.GetProperty("changes").EnumerateArray().ToList();
        Assert.Contains(removed, c => c.GetProperty("key").GetString() == "Db:Password" && c.GetProperty("from").GetString() == SecretMask.Text);
        Assert.DoesNotContain("hunter2", events[1].Data.GetRawText());
    }

    [Fact]
    public async Task AChangeRequestsLife_IsOneEventPerStep_AndItsApplyAlsoAConfigChanged()
    {
        var kit = await new ReviewTestKit(host).CreateAsync();
        var webhook = await ListenAsync(kit.App);

        var request = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "15"));
        await kit.Requests(ReviewTestKit.Reviewer, s => s.ApproveAsync(kit.App, request.Id, new ReviewInput("Fine.")));
        await kit.Requests(ReviewTestKit.Author, s => s.ApplyAsync(kit.App, request.Id, new ApplyInput()));
        var rejected = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "16"));
        await kit.Requests(ReviewTestKit.Reviewer, s => s.RejectAsync(kit.App, rejected.Id, new ReviewInput("No.")));
        var withdrawn = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "17"));
        await kit.Requests(ReviewTestKit.Author, s => s.WithdrawAsync(kit.App, withdrawn.Id));
        var forced = await kit.FileAsync(ReviewTestKit.Author, ChangeOperation.Set("Timeout", kit.Protected, "18"));
        await kit.Requests(ReviewTestKit.Admin, s => s.ApplyAsync(kit.App, forced.Id, new ApplyInput(true, "The outage will not wait.")));
        await kit.ProtectAsync(0); // environments are global: the other tests' applications write to it too

        var events = await EventsAsync(webhook);
        Assert.Equal([
            "change_request.filed", "change_request.approved", "config.changed", "change_request.applied",
            "change_request.filed", "change_request.rejected", "change_request.filed", "change_request.withdrawn",
            "change_request.filed", "config.changed", "change_request.forced",
        ], events.Select(e => e.Name));
        var filed = events[0].Data;
        Assert.Equal((request.Id, "open", "author@example.com"), (filed.GetProperty("id").GetInt64(), filed.GetProperty("status").GetString(),
            filed.GetProperty("author").GetString()));
        Assert.Equal($"/v1/applications/{kit.App}/change-requests/{request.Id}", filed.GetProperty("url").GetString());
        Assert.Equal("reviewer@example.com", events[1].Data.GetProperty("actor").GetString());
        Assert.Equal(request.Id, events[2].Data.GetProperty("changeRequestId").GetInt64());
        Assert.Equal("The outage will not wait.", events[^1].Data.GetProperty("details").GetProperty("reason").GetString());
        Assert.Equal(events[2].Revision, events[3].Revision); // one transaction, one change
    }

    [Fact]
    public async Task RevealingSecrets_IsSecretRevealed_NamingKeysNeverValues()
    {
        var (app, _, password) = await host.AppAsync();
        var webhook = await ListenAsync(app, WebhookEvents.SecretRevealed);

        await As(s => s.GetRequiredService<ConfigService>().RevealAsync(password));
        await As(s => s.GetRequiredService<ResolvedViewService>().RevealAsync(app, "Production"));

        var events = await EventsAsync(webhook);
        Assert.Equal([WebhookEvents.SecretRevealed, WebhookEvents.SecretRevealed], events.Select(e => e.Name));
        Assert.Empty(events[0].Data.GetProperty("environments").EnumerateArray());
        Assert.Equal(["production"], events[1].Data.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        Assert.All(events, e => Assert.Equal(["Db:Password"], e.Data.GetProperty("keys").EnumerateArray().Select(k => k.GetString())));
        Assert.All(events, e => Assert.DoesNotContain("hunter2", e.Data.GetRawText()));
    }

    [Fact]
    public async Task AHugeChange_ListsTheFirstChanges_AndCountsThemAll()
    {
        var (app, _, _) = await host.AppAsync();
        var webhook = await ListenAsync(app, WebhookEvents.ConfigChanged);
        var file = string.Concat(Enumerable.Range(0, WebhookOutbox.MaxChanges + 20).Select(i => $"K{i:D4}=v\n"));

        await As(s => s.GetRequiredService<TransferService>().ImportAsync(app, new ImportRequest("env"), Encoding.UTF8.GetBytes(file)));

        var data = Assert.Single(await EventsAsync(webhook)).Data;
        // Defaults reach every environment's document.
        var environments = data.GetProperty("environments").GetArrayLength();
        Assert.True(environments >= 3);
        Assert.Equal((WebhookOutbox.MaxChanges + 20) * environments, data.GetProperty("changeCount").GetInt32());
        Assert.Equal(WebhookOutbox.MaxChanges, data.GetProperty("changes").GetArrayLength());
    }
}

public sealed class WebhookEventsTestsOnSqlite(SqliteWebhookHost host) : WebhookEventsTests(host), IClassFixture<SqliteWebhookHost>;

public sealed class WebhookEventsTestsOnPostgres(PostgresWebhookHost host) : WebhookEventsTests(host), IClassFixture<PostgresWebhookHost>;
