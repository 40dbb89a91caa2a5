using ConfigAdmin.Client;
using Microsoft.FeatureManagement;

namespace ConfigAdmin.Samples.FeatureFlags;

/// <summary>
/// The sample's whole app: ConfigAdmin as a configuration source, Microsoft.FeatureManagement reading the flags it
/// serves (nothing else to set up), and one endpoint gated by a flag.
/// </summary>
public static class SampleApp
{
    /// <summary>The flag that gates <c>/new-checkout</c>.</summary>
    public const string Flag = "NewCheckout";

    /// <summary>Builds the app from the "ConfigAdmin" section (ServerUrl, Application, Environment, ApiKey); <paramref name="configure"/> may add to it first.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        builder.Configuration.AddConfigAdmin(builder.Configuration.GetSection("ConfigAdmin"));
        builder.Services.AddFeatureManagement();

        var app = builder.Build();
        app.MapGet("/", async (IFeatureManager features) =>
            $"{Flag} is {(await features.IsEnabledAsync(Flag) ? "on" : "off")}.");
        app.MapGet("/new-checkout", () => "Welcome to the new checkout.").RequireFeature(Flag);
        return app;
    }

    /// <summary>The endpoint answers 404, as if it did not exist, while <paramref name="flag"/> is off.</summary>
    public static RouteHandlerBuilder RequireFeature(this RouteHandlerBuilder endpoint, string flag) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IFeatureManager>().IsEnabledAsync(flag)
                ? await next(context)
                : Results.NotFound());
}
