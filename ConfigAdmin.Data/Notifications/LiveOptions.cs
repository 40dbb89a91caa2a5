using System.ComponentModel.DataAnnotations;

namespace ConfigAdmin.Data.Notifications;

/// <summary>The <c>Live</c> configuration section: how this node follows the change record.</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>How often the change record is read when nothing announced a change (PostgreSQL announces each one).</summary>
    [Range(50, 60_000)]
    public int PollIntervalMs { get; set; } = 500;

    /// <summary>How long change records are kept; a node that fell further behind forgets all it cached.</summary>
    [Range(1, 24 * 30)]
    public int RetentionHours { get; set; } = 24;
}
