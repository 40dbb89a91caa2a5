namespace ConfigAdmin.Tests.Infrastructure;

public static class Readiness
{
    /// <summary>Start-up work runs after the server listens: waits until <c>/health/ready</c> says 200.</summary>
    public static Task WaitReadyAsync(this HttpClient client, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => IsReadyAsync(client), timeout ?? TimeSpan.FromSeconds(60), "The app did not become ready.");

    /// <summary>True when <c>/health/ready</c> says 200; false while it says otherwise or nothing listens yet.</summary>
    public static async Task<bool> IsReadyAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
