using System.Globalization;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>"12 s ago", "5 min ago": how long ago something happened, for lists where the exact UTC time is on hover.</summary>
public static class RelativeTime
{
    public static string Ago(DateTime utc, DateTimeOffset now)
    {
        var elapsed = now.UtcDateTime - DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return elapsed switch
        {
            { TotalSeconds: < 5 } => "just now",
            { TotalMinutes: < 1 } => $"{(int)elapsed.TotalSeconds} s ago",
            { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)elapsed.TotalHours} h ago",
            _ => $"{(int)elapsed.TotalDays} d ago",
        };
    }

    /// <summary>The exact time, as the hover text says it.</summary>
    public static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";
}
