namespace ConfigAdmin.Samples.FeatureFlags;

/// <summary>
/// A web app whose endpoint /new-checkout exists only while the flag NewCheckout is on in ConfigAdmin. Start the server
/// (dotnet run --project ConfigAdmin.Web), make a client key of the application and environment, then:
/// ConfigAdmin__Application=checkout-api ConfigAdmin__Environment=staging ConfigAdmin__ApiKey=ca_... \
///   dotnet run --project samples/ConfigAdmin.FeatureFlags.Sample
/// The API key comes from the environment, never from a file.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var app = SampleApp.Build(args);
        await app.RunAsync();
        return 0;
    }
}
