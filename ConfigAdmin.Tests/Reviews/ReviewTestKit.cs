using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Resolution;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Reviews;

/// <summary>
/// An application with one key in a protected environment of its own (environments are global, so each test protects
/// a fresh one), and the people who review: an author, two other editors, a viewer, an admin.
/// </summary>
public sealed class ReviewTestKit(ServiceHost host)
{
    public static readonly Caller Author = Editor("author@example.com");
    public static readonly Caller Reviewer = Editor("reviewer@example.com");
    public static readonly Caller SecondReviewer = Editor("second@example.com");
    public static readonly Caller Viewer = new(CallerKind.User, "viewer@example.com", [new Grant(Role.Viewer, null)]);
    public static readonly Caller Admin = new(CallerKind.User, "admin@example.com", [new Grant(Role.Admin, null)]);

    public static Caller Editor(string name) => new(CallerKind.User, name, [new Grant(Role.Editor, null)]);

    private const string Prefix = "live";

    public string App { get; private set; } = "";
    public string Protected { get; private set; } = "";
    public Guid KeyId { get; private set; }

    /// <summary>
    /// A fresh application with <c>Timeout</c> (integer, default 30, 10 in the protected environment, 20 in staging)
    /// and a protected environment needing <paramref name="approvals"/>.
    /// </summary>
    public async Task<ReviewTestKit> CreateAsync(int approvals = 1)
    {
        Protected = A.Name(Prefix);
        await using var scope = host.Scope(Admin);
        var envs = host.Get<EnvironmentService>(scope);
        // Environments are global: the ones earlier tests of this class protected would guard this test's set-up too.
        foreach (var earlier in (await envs.AllAsync()).Where(e => e.Name.StartsWith(Prefix, StringComparison.Ordinal) && e.RequiredApprovals > 0))
            await envs.UpdateAsync(earlier.Name, earlier.ToInput() with { RequiredApprovals = 0 }, null);
        await envs.CreateAsync(new EnvironmentInput(Protected, "protected", 100));
        App = (await host.Get<ApplicationService>(scope).CreateAsync(A.Application())).Name;
        KeyId = (await host.Get<ConfigService>(scope).CreateAsync(A.Config(App, "Timeout", ConfigValueType.Integer, "30",
            new() { [Protected] = "10", ["staging"] = "20" }))).Id;
        await ProtectAsync(approvals);
        return this;
    }

    public async Task ProtectAsync(int approvals)
    {
        await using var scope = host.Scope(Admin);
        var envs = host.Get<EnvironmentService>(scope);
        var env = await envs.GetAsync(Protected);
        await envs.UpdateAsync(Protected, env.ToInput() with { RequiredApprovals = approvals }, null);
    }

    public async Task<T> As<T>(Caller caller, Func<IServiceProvider, Task<T>> act)
    {
        await using var scope = host.Scope(caller);
        return await act(scope.ServiceProvider);
    }

    public Task<ChangeRequestDto> FileAsync(Caller caller, params ChangeOperation[] operations) =>
        As(caller, s => s.GetRequiredService<ChangeRequestService>().FileAsync(App, new ChangeRequestInput("Raise the timeout", "why", operations)));

    public Task<ChangeRequestDto> Requests(Caller caller, Func<ChangeRequestService, Task<ChangeRequestDto>> act) =>
        As(caller, s => act(s.GetRequiredService<ChangeRequestService>()));

    public Task<ConfigDto> Configs(Caller caller, Func<ConfigService, Task<ConfigDto>> act) =>
        As(caller, s => act(s.GetRequiredService<ConfigService>()));

    /// <summary>The protected environment's document as a client reads it, straight from the database.</summary>
    public Task<string> DocumentAsync(string? environment = null) =>
        As(Admin, s => s.GetRequiredService<ResolutionService>().FreshAsync(App, environment ?? Protected));
}
