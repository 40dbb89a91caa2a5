namespace ConfigAdmin.Core.Configs;

/// <summary>
/// The one rule for showing a secret value to someone who is not reading it in clear: admin reads, revisions, diffs,
/// previews, comparisons, masked client reads and the audit log all show <see cref="Text"/> instead. A value that a
/// change covers (an audit entry, a diff) counts as secret when its key was secret at either end of the change.
/// </summary>
public static class SecretMask
{
    /// <summary>What is shown instead of a secret value.</summary>
    public const string Text = "***";

    /// <summary>The value as shown: <see cref="Text"/> when <paramref name="secret"/>, else itself (null, "no value", stays null).</summary>
    public static string? Apply(bool secret, string? value) => secret && value is not null ? Text : value;
}
