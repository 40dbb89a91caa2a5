using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Webhooks;
using ConfigAdmin.Data.Outbox;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Webhooks;

/// <summary>
/// The real services on a real database with a clock the test moves: webhooks registered through the service, the
/// outbox's rows read back, and the dispatcher's steps (claim, attempt) run when the test says, at the time it set.
/// </summary>
public abstract class WebhookServiceHost(Provider provider, bool allowPrivateTargets = true) : ServiceHost(provider)
{
    /// <summary>Starts at a whole second, so every time it gives is stored exactly by both databases.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateTargets"] = allowPrivateTargets ? "true" : "false",
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);

    public DeliveryStore Store => Services.GetRequiredService<DeliveryStore>();

    public WebhookDispatcher Dispatcher => Services.GetRequiredService<WebhookDispatcher>();

    /// <summary>Runs every delivery that is due now, round after round (each webhook's next one follows its first), and waits for them.</summary>
    public async Task<int> DeliverDueAsync()
    {
        var attempts = 0;
        while (true)
        {
            var claims = await Store.ClaimAsync(8, CancellationToken.None);
            if (claims.Count == 0) return attempts;
            await Task.WhenAll(claims.Select(c => Dispatcher.AttemptAsync(c, CancellationToken.None)));
            attempts += claims.Count;
        }
    }

    /// <summary>A fresh application with a plain key (<c>Timeout</c>, 30) and a secret one (<c>Db:Password</c>).</summary>
    public async Task<(string App, Guid Timeout, Guid Password)> AppAsync()
    {
        await using var scope = Scope();
        var app = (await Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        var configs = Get<ConfigService>(scope);
        var timeout = (await configs.CreateAsync(A.Config(app, "Timeout", ConfigValueType.Integer, "30"))).Id;
        var password = (await configs.CreateAsync(A.Config(app, "Db:Password", defaultValue: "hunter2", secret: true))).Id;
        return (app, timeout, password);
    }

    /// <summary>Registers a webhook for <paramref name="url"/> (the caller an admin of everything) and returns it with its secret.</summary>
    public async Task<WebhookDto> RegisterAsync(string url, string[] events, string[] applications)
    {
        await using var scope = Scope();
        return await Get<WebhookService>(scope).CreateAsync(new WebhookInput(url, events, applications));
    }

    public async Task<T> WithServiceAsync<T>(Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = Scope();
        return await act(scope.ServiceProvider);
    }

    /// <summary>Deletes every webhook (with its deliveries), so the next test's dispatching sees only its own.</summary>
    public async Task DeleteWebhooksAsync()
    {
        await using var db = await RawContextAsync();
        await db.WebhookDeliveries.ExecuteDeleteAsync();
        await db.Webhooks.ExecuteDeleteAsync();
    }

    /// <summary>A webhook's deliveries in queue order, with their events.</summary>
    public async Task<List<WebhookDelivery>> DeliveriesAsync(Guid webhook)
    {
        await using var db = await RawContextAsync();
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Where(d => d.WebhookId == webhook).OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>A webhook's delivery log in the order the attempts were made.</summary>
    public async Task<List<WebhookAttempt>> AttemptsAsync(Guid webhook)
    {
        await using var db = await RawContextAsync();
        return await db.WebhookAttempts.AsNoTracking().Where(a => a.WebhookId == webhook).OrderBy(a => a.Id).ToListAsync();
    }
}

public sealed class SqliteWebhookHost() : WebhookServiceHost(Provider.Sqlite);

public sealed class PostgresWebhookHost() : WebhookServiceHost(Provider.Postgres);
