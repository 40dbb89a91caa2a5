using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Clients;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Core.Rollouts;
using ConfigAdmin.Tests.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Components.Rollouts;

/// <summary>
/// The rollout components over the real services: an application <c>shop</c> whose <c>Timeout</c> is 10 in production,
/// a change request that makes it 15, rolled out; instances read production as a client key does and report health.
/// </summary>
public abstract class RolloutComponentTestBase : ComponentTestBase
{
    public const string App = "shop";

    protected static readonly Caller Viewer = new(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]);
    protected static readonly Caller Editor = new(CallerKind.User, "editor@example.com", [new Grant(Role.Editor, null)]);
    private static readonly Caller Client = new(CallerKind.ApiKey, "fleet", [new Grant(Role.Client, null)]);

    /// <summary>The application and an approved request (production needs no approval here) setting production's Timeout to 15.</summary>
    protected async Task<ChangeRequestDto> FileAsync(params ChangeOperation[] operations)
    {
        if (await Service<Core.Applications.ApplicationService>().IdOfAsync(App) is null)
        {
            await Data.AppAsync(App);
            await Data.KeyAsync(App, "Timeout", ConfigValueType.Integer, "30", overrides: new() { ["production"] = "10", ["staging"] = "20" });
        }
        return await AsAdmin(s => s.GetRequiredService<ChangeRequestService>().FileAsync(App,
            new ChangeRequestInput("Longer timeout", null, operations.Length > 0 ? operations : [ChangeOperation.Set("Timeout", "production", "15")])));
    }

    /// <summary>A request rolled out with two canaries, 10 % for an hour, then everyone; 50 % failing tips the gate.</summary>
    protected async Task<RolloutDto> StartAsync(RolloutInput? input = null)
    {
        var request = await FileAsync();
        var applied = await AsAdmin(s => s.GetRequiredService<ChangeRequestService>().ApplyAsync(App, request.Id,
            new ApplyInput(Rollout: input ?? new RolloutInput(["canary-1", "canary-2"], [new(10, 3600), new(100)], 0.5))));
        return await AsAdmin(s => s.GetRequiredService<RolloutService>().GetAsync(applied.Rollout!.Id));
    }

    /// <summary>Instances read production (each served its cohort's document), and what they were served is written.</summary>
    protected async Task ServeAsync(params string[] instances)
    {
        var resolution = Service<ResolutionService>();
        var (appId, @base) = await resolution.GetWithIdAsync(App, "production", false, Client);
        foreach (var instance in instances)
            Service<RolloutRegistry>().Serve(appId, "production", instance, "host-" + instance, false, Client, @base);
        await AsAdmin(s => s.GetRequiredService<RolloutService>().FlushServedAsync());
    }

    /// <summary>An instance's report, as ConfigAdmin.Client sends it (with the ETag it applied).</summary>
    protected Task ReportAsync(string instance, InstanceHealth health, string? reason, string etag) =>
        As(Client, s => s.GetRequiredService<RolloutService>().ReportHealthAsync(App, "production", instance, new HealthReport(health, reason, etag)));

    /// <summary>An instance seen by the client registry in production (the dialog offers it as a canary).</summary>
    protected async Task SeeAsync(string instance)
    {
        var appId = (await Service<Core.Applications.ApplicationService>().IdOfAsync(App))!.Value;
        Service<ClientRegistry>().Saw(appId, "production", SecretView.Clear, new ClientSighting(instance, "host-" + instance, "1.0.0", null));
    }

    /// <summary>Acts through the services in a scope of its own, as someone else on another page (or node).</summary>
    protected Task<T> AsAdmin<T>(Func<IServiceProvider, Task<T>> act) => As(Caller.System, act);

    protected Task AsAdmin(Func<IServiceProvider, Task> act) => As(Caller.System, async s =>
    {
        await act(s);
        return true;
    });

    protected Task As(Caller caller, Func<IServiceProvider, Task> act) => As(caller, async s =>
    {
        await act(s);
        return true;
    });

    protected async Task<T> As<T>(Caller caller, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ChangeContext>().ActAs(caller);
        return await act(scope.ServiceProvider);
    }
}
