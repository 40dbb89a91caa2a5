using System.Net.Http.Json;
using ConfigAdmin.Tests.Infrastructure;

namespace ConfigAdmin.Tests.Security;

/// <summary>What the requests act on; destructive rows get a fresh resource each time, made by the bootstrap admin.</summary>
public sealed class Targets
{
    private HttpClient Admin { get; init; } = default!;
    public string App { get; private init; } = "";
    public string OtherApp { get; private init; } = "";
    public string ConfigId { get; private init; } = "";

    public static async Task<Targets> CreateAsync(ApiHost host)
    {
        var admin = host.Client;
        var app = A.Name("mine");
        var other = A.Name("other");
        (await admin.PostJsonAsync("/v1/applications", A.Application(app))).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("/v1/applications", A.Application(other))).EnsureSuccessStatusCode();
        var config = await (await admin.PostJsonAsync("/v1/configs",
            A.Config(app, "Db:Password", defaultValue: "s3cret", secret: true, overrides: new() { ["staging"] = "st" }))).JsonAsync();
        return new Targets { Admin = admin, App = app, OtherApp = other, ConfigId = config.GetProperty("id").GetString()! };
    }

    public async Task<string> FreshAppAsync()
    {
        var name = A.Name("fresh");
        (await Admin.PostJsonAsync("/v1/applications", A.Application(name))).EnsureSuccessStatusCode();
        return name;
    }

    public async Task<string> FreshConfigAsync()
    {
        var created = await (await Admin.PostJsonAsync("/v1/configs", A.Config(App, A.Name("Key")))).JsonAsync();
        return created.GetProperty("id").GetString()!;
    }

    public async Task<string> FreshOverrideAsync()
    {
        var id = await FreshConfigAsync();
        (await Admin.PutJsonAsync($"/v1/configs/{id}/overrides/staging", new { value = "v" })).EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A key and the id of its first revision.</summary>
    public async Task<(string Config, long Revision)> FreshRevisionAsync()
    {
        var id = await FreshConfigAsync();
        var revisions = await (await Admin.GetAsync($"/v1/configs/{id}/revisions")).JsonAsync();
        return (id, revisions.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    /// <summary>A flag defined in staging: its URL there.</summary>
    public async Task<string> FreshFlagAsync()
    {
        var url = $"/v1/applications/{App}/feature-flags/{A.Name("flag")}?environment=staging";
        (await Admin.PutJsonAsync(url, new { enabled = true })).EnsureSuccessStatusCode();
        return url;
    }

    public async Task<string> FreshEnvironmentAsync()
    {
        var name = A.Name("env");
        (await Admin.PostJsonAsync("/v1/environments", new { name })).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>A change request filed by the bootstrap admin (so every matrix caller is someone else), touching staging only.</summary>
    public async Task<string> FreshRequestAsync()
    {
        var filed = await (await Admin.PostJsonAsync($"/v1/applications/{App}/change-requests", new
        {
            title = "Matrix", operations = new[] { new { op = "setOverride", key = "Db:Password", environment = "staging", value = A.Name("v") } },
        })).JsonAsync();
        return $"/v1/applications/{App}/change-requests/{filed.GetProperty("id").GetInt64()}";
    }

    /// <summary>A webhook on a closed loopback port, subscribed to nothing that happens here.</summary>
    public async Task<string> FreshWebhookAsync()
    {
        var created = await (await Admin.PostJsonAsync("/v1/webhooks",
            new { url = "http://127.0.0.1:9/matrix", events = new[] { "rollout.*" }, applications = new[] { "*" } })).JsonAsync();
        return $"/v1/webhooks/{created.GetProperty("id").GetString()}";
    }

    /// <summary>A webhook and one delivery of it (a test event; its attempts fail against the closed port).</summary>
    public async Task<string> FreshDeliveryAsync()
    {
        var webhook = await FreshWebhookAsync();
        var delivery = await (await Admin.PostAsync($"{webhook}/test", null)).JsonAsync();
        return $"{webhook}/deliveries/{delivery.GetProperty("id").GetInt64()}";
    }

    /// <summary>A rollout of staging on a fresh application (instances read the target from its first stage on), paused when asked.</summary>
    public async Task<string> FreshRolloutAsync(bool paused = false)
    {
        var app = await FreshAppAsync();
        (await Admin.PostJsonAsync("/v1/configs", A.Config(app, "Mode", overrides: new() { ["staging"] = "a" }))).EnsureSuccessStatusCode();
        var rollout = $"/v1/rollouts/{await Admin.RollOutAsync(app, "Mode", "staging", "b",
            new { stages = new object[] { new { percent = 10, bakeSeconds = 3600 }, new { percent = 100 } } })}";
        if (paused) (await Admin.PostAsync($"{rollout}/pause", null)).EnsureSuccessStatusCode();
        return rollout;
    }

    /// <summary>The Rollouts tab of a fresh application with a running rollout, that rollout chosen (?rollout=).</summary>
    public async Task<string> FreshRolloutTabAsync()
    {
        var rollout = await (await Admin.GetAsync(await FreshRolloutAsync())).JsonAsync();
        return $"/applications/{rollout.GetProperty("application").GetString()}?tab=rollouts&rollout={rollout.GetProperty("id").GetInt64()}";
    }

    public async Task<string> FreshKeyAsync()
    {
        var created = await (await Admin.PostJsonAsync("/v1/api-keys", new { name = A.Name("k"), role = "viewer", applications = new[] { "*" } })).JsonAsync();
        return created.GetProperty("id").GetString()!;
    }
}
