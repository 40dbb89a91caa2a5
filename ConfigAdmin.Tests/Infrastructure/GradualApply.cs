namespace ConfigAdmin.Tests.Infrastructure;

/// <summary>Files a change request setting one override and applies it as a rollout, over REST: what rollout tests start from.</summary>
public static class GradualApply
{
    /// <summary>Sets <paramref name="key"/> in <paramref name="environment"/> to <paramref name="value"/> through a request applied with <paramref name="rollout"/>; returns the rollout's id.</summary>
    public static async Task<long> RollOutAsync(this HttpClient admin, string app, string key, string environment, string value, object rollout)
    {
        var filed = await admin.PostJsonAsync($"/v1/applications/{app}/change-requests", new
        {
            title = "Rollout", operations = new[] { new { op = "setOverride", key, environment, value } },
        });
        await filed.EnsureSuccessStatusCodeAsync();
        var id = (await filed.JsonAsync()).GetProperty("id").GetInt64();
        var applied = await admin.PostJsonAsync($"/v1/applications/{app}/change-requests/{id}/apply", new { rollout });
        await applied.EnsureSuccessStatusCodeAsync();
        return (await applied.JsonAsync()).GetProperty("rollout").GetProperty("id").GetInt64();
    }
}
