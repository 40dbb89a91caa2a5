namespace ConfigAdmin.Core.Common;

/// <summary>A named fact about the installation itself: one-time upgrade steps done, the first-run set-up token.</summary>
public sealed class SystemState
{
    public string Name { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
