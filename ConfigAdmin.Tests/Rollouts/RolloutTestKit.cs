using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Rollouts;

/// <summary>The real services on a real database with a clock the test moves: bake times pass without waiting.</summary>
public abstract class ClockedServiceHost(Provider provider) : ServiceHost(provider)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class SqliteClockedServiceHost() : ClockedServiceHost(Provider.Sqlite);

public sealed class PostgresClockedServiceHost() : ClockedServiceHost(Provider.Postgres);

/// <summary>
/// An application with <c>Timeout</c> (30; staging 20; production 10) and a change request that sets production's to
/// 15, rolled out; instances read as a client key would.
/// </summary>
public sealed class RolloutTestKit(ClockedServiceHost host)
{
    public static readonly Caller Client = new(CallerKind.ApiKey, "fleet", [new Grant(Role.Client, null)]);

    public string App { get; private set; } = "";
    public Guid AppId { get; private set; }
    public Guid KeyId { get; private set; }
    public long RequestId { get; private set; }

    public async Task<RolloutTestKit> CreateAsync(params ChangeOperation[] operations)
    {
        await using var scope = host.Scope();
        App = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        KeyId = (await host.Get<ConfigService>(scope).CreateAsync(A.Config(App, "Timeout", ConfigValueType.Integer, "30",
            new() { ["production"] = "10", ["staging"] = "20" }))).Id;
        AppId = await host.ApplicationIdAsync(App);
        var request = await host.Get<ChangeRequestService>(scope).FileAsync(App, new ChangeRequestInput("Longer timeout", null,
            operations.Length > 0 ? operations : [ChangeOperation.Set("Timeout", "production", "15")]));
        RequestId = request.Id;
        return this;
    }

    /// <summary>Applies the request as a rollout (the default: canary "canary-1", 10 % for 60 s, 50 % for 60 s, 100 %).</summary>
    public async Task<RolloutDto> StartAsync(RolloutInput? input = null)
    {
        await using var scope = host.Scope();
        var applied = await host.Get<ChangeRequestService>(scope).ApplyAsync(App, RequestId, new ApplyInput(Rollout: input ?? Default));
        return await host.Get<RolloutService>(scope).GetAsync(applied.Rollout!.Id);
    }

    public static readonly RolloutInput Default = new(["canary-1"], [new(10, 60), new(50, 60), new(100)]);

    /// <summary>What an instance reads in production now (the client read's choice between base and target).</summary>
    public async Task<string> ReadAsync(string? instance)
    {
        var resolution = host.Services.GetRequiredService<ResolutionService>();
        var (appId, @base) = await resolution.GetWithIdAsync(App, "production", false, Client);
        var document = host.Services.GetRequiredService<RolloutRegistry>().Serve(appId, "production", instance, "host-" + instance, false, Client, @base);
        return System.Text.Encoding.UTF8.GetString(document.Body);
    }

    public Task<T> With<T>(Func<RolloutService, Task<T>> act) => WithAs(Caller.System, act);

    public async Task<T> WithAs<T>(Caller caller, Func<RolloutService, Task<T>> act)
    {
        await using var scope = host.Scope(caller);
        return await act(host.Get<RolloutService>(scope));
    }

    /// <summary>Moves the clock and runs one tick of the stage clock (after writing what was served).</summary>
    public async Task TickAsync(TimeSpan after)
    {
        host.Clock.Advance(after);
        await With(async r =>
        {
            await r.FlushServedAsync();
            await r.TickAsync();
            return 0;
        });
    }

    public async Task<ChangeRequestDto> RequestAsync()
    {
        await using var scope = host.Scope();
        return await host.Get<ChangeRequestService>(scope).GetAsync(App, RequestId);
    }

    /// <summary>Instances by how the rollout's cohort places them: the first few it covers, and some it does not.</summary>
    public static (List<string> Covered, List<string> Outside) Instances(long rollout, int percent, int count = 3)
    {
        var covered = new List<string>();
        var outside = new List<string>();
        for (var i = 0; covered.Count < count || outside.Count < count; i++)
        {
            var id = $"instance-{i}";
            (Cohort.Covers(rollout, id, percent, []) ? covered : outside).Add(id);
        }
        return (covered.Take(count).ToList(), outside.Take(count).ToList());
    }
}
