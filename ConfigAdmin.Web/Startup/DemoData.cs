using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;

namespace ConfigAdmin.Web.Startup;

/// <summary>
/// A small living data set for a newcomer's first look, written through the services (so it is audited): production
/// protected, with a change request waiting for review.
/// </summary>
public static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var apps = services.GetRequiredService<ApplicationService>();
        var configs = services.GetRequiredService<ConfigService>();

        await apps.CreateAsync(new("checkout-api", "Takes orders and payments.", "Payments team", "payments@example.com"), ct);
        await configs.CreateAsync(Key("checkout-api", "Logging:LogLevel:Default", ConfigValueType.String, "Information",
            new() { ["production"] = "Warning" }), ct);
        await configs.CreateAsync(Key("checkout-api", "Payments:TimeoutSeconds", ConfigValueType.Integer, "30",
            new() { ["production"] = "10" }), ct);
        await configs.CreateAsync(Key("checkout-api", "Payments:RetryBackoff", ConfigValueType.Number, "1.5"), ct);
        await configs.CreateAsync(Key("checkout-api", "Features:OneClickBuy", ConfigValueType.Boolean, "false",
            new() { ["development"] = "true", ["staging"] = "true" }), ct);
        await configs.CreateAsync(Key("checkout-api", "Payments:ApiKey", ConfigValueType.String, "dev-key-123",
            new() { ["production"] = "live-key-please-rotate" }, secret: true), ct);

        await apps.CreateAsync(new("catalog-web", "Storefront product pages.", "Storefront team", "storefront@example.com"), ct);
        await configs.CreateAsync(Key("catalog-web", "Cdn:BaseUrl", ConfigValueType.String, "http://localhost:5005",
            new() { ["staging"] = "https://cdn.staging.example.com", ["production"] = "https://cdn.example.com" }), ct);
        await configs.CreateAsync(Key("catalog-web", "Search:Boosts", ConfigValueType.Json, """{"title":3,"brand":2}"""), ct);
        await configs.CreateAsync(Key("catalog-web", "Cache:Minutes", ConfigValueType.Integer, "5",
            new() { ["production"] = "60" }), ct);

        await apps.CreateAsync(new("notifier", "Sends e-mail and push notifications.", "Platform team", "platform@example.com"), ct);
        await configs.CreateAsync(Key("notifier", "Smtp:Host", ConfigValueType.String, "localhost",
            new() { ["production"] = "smtp.example.com" }), ct);
        await configs.CreateAsync(Key("notifier", "Smtp:Port", ConfigValueType.Integer, "25"), ct);

        // Production needs a second person from now on, and one request already waits for review.
        var environments = services.GetRequiredService<EnvironmentService>();
        var production = await environments.GetAsync("production", ct);
        await environments.UpdateAsync("production", production.ToInput() with { RequiredApprovals = 1 }, null, ct);
        await services.GetRequiredService<ChangeRequestService>().FileAsync("checkout-api", new ChangeRequestInput(
            "Give payments more time in production", "The provider's p99 rose to 9 s last week; 10 s leaves no margin.",
            [ChangeOperation.Set("Payments:TimeoutSeconds", "production", "15")]), ct);
    }

    private static ConfigCreateInput Key(string app, string key, ConfigValueType type, string? value,
        Dictionary<string, string?>? overrides = null, bool secret = false) =>
        new(app, key, type, value, null, secret, overrides);
}
