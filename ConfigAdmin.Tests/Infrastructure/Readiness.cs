namespace ConfigAdmin.Tests.Infrastructure;

public static class Readiness
{
    /// <summary>Start-up work runs after the server listens: waits until <c>/health/ready</c> says 200.</summary>
    public static async Task WaitReadyAsync(this HttpClient client, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The app did not become ready.");
            await Task.Delay(100);
        }
    }
}
