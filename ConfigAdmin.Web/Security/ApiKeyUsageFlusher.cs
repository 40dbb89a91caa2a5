using ConfigAdmin.Core.Access;

namespace ConfigAdmin.Web.Security;

/// <summary>Writes each API key's last use to the database every half minute: requests themselves never touch it.</summary>
public sealed class ApiKeyUsageFlusher(AccessDirectory directory, ILogger<ApiKeyUsageFlusher> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await directory.FlushLastUsedAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Could not record when API keys were last used; retrying in {Seconds} s", Period.TotalSeconds);
            }
        }
    }
}
