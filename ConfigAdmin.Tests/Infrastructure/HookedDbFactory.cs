using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using Microsoft.EntityFrameworkCore;

namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>
/// The real database factory, with a hook around each unit of work's SaveChanges: a test can hold a write after
/// it has read and before it commits, to stage a race deterministically, or fail a commit that happened.
/// </summary>
public sealed class HookedDbFactory(IConfigAdminDbFactory inner) : IConfigAdminDbFactory
{
    /// <summary>Runs around every SaveChanges while set: receives the real save and decides when (and whether) to call it.</summary>
    public Func<Func<Task<int>>, Task<int>>? AroundSave { get; set; }

    /// <summary>Holds the next unit of work at SaveChanges until released; the hook is gone for every other.</summary>
    public (Task Held, Action Release) HoldNextSave()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AroundSave = async save =>
        {
            AroundSave = null;
            held.SetResult();
            await release.Task;
            return await save();
        };
        return (held.Task, () => release.TrySetResult());
    }

    public async Task<IConfigAdminDb> CreateAsync(CancellationToken cancellationToken = default) =>
        new Hooked(await inner.CreateAsync(cancellationToken), this);

    public ValueTask<IDisposable> EnterWriteAsync(CancellationToken cancellationToken = default) => inner.EnterWriteAsync(cancellationToken);

    /// <summary>The context behind a unit of work this factory made.</summary>
    public static IConfigAdminDb Unwrap(IConfigAdminDb db) => db is Hooked h ? h.Inner : db;

    private sealed class Hooked(IConfigAdminDb inner, HookedDbFactory owner) : IConfigAdminDb
    {
        public IConfigAdminDb Inner => inner;
        public DbSet<Application> Applications => inner.Applications;
        public DbSet<ConfigEnvironment> Environments => inner.Environments;
        public DbSet<ConfigKey> Configs => inner.Configs;
        public DbSet<ConfigOverride> Overrides => inner.Overrides;
        public DbSet<AuditEntry> AuditEntries => inner.AuditEntries;
        public DbSet<ApiKey> ApiKeys => inner.ApiKeys;
        public DbSet<SystemState> SystemStates => inner.SystemStates;
        public DbSet<Core.Changes.ChangeRecord> Changes => inner.Changes;
        public DbSet<Core.Clients.ClientInstance> ClientInstances => inner.ClientInstances;
        public DbSet<Core.Changes.ConfigRevision> Revisions => inner.Revisions;
        public DbSet<Core.Reviews.ChangeRequest> ChangeRequests => inner.ChangeRequests;
        public DbSet<Core.Rollouts.Rollout> Rollouts => inner.Rollouts;
        public DbSet<Core.Rollouts.RolloutInstance> RolloutInstances => inner.RolloutInstances;
        public DbSet<Core.Webhooks.Webhook> Webhooks => inner.Webhooks;
        public DbSet<Core.Webhooks.WebhookEvent> WebhookEvents => inner.WebhookEvents;
        public DbSet<Core.Webhooks.WebhookDelivery> WebhookDeliveries => inner.WebhookDeliveries;
        public DbSet<Core.Webhooks.WebhookAttempt> WebhookAttempts => inner.WebhookAttempts;
        public Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database => inner.Database;

        public Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) =>
            owner.AroundSave is { } around ? around(() => inner.SaveChangesAsync(cancellationToken)) : inner.SaveChangesAsync(cancellationToken);

        public Task OpenAsync(CancellationToken cancellationToken = default) => inner.OpenAsync(cancellationToken);

        public IReadOnlyList<T> Tracked<T>() where T : class => inner.Tracked<T>();

        public bool EnvironmentsLoaded
        {
            get => inner.EnvironmentsLoaded;
            set => inner.EnvironmentsLoaded = value;
        }

        public Core.Pipeline.WriteFacts? Facts
        {
            get => inner.Facts;
            set => inner.Facts = value;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
