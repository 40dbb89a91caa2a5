namespace ConfigAdmin.Core.Transfer;

/// <summary>Bounds that keep every reader cheap on hostile input; each is far above a real configuration.</summary>
public static class TransferLimits
{
    /// <summary>The request body is at most 1 MiB, so no honest file has more characters.</summary>
    public const int MaxTextLength = 1024 * 1024;

    /// <summary>Nesting of objects, arrays, mappings and sequences (the stored JSON values allow as much).</summary>
    public const int MaxDepth = 64;

    /// <summary>Values in one file.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>YAML nodes visited after alias expansion: bounds "billion laughs" documents.</summary>
    public const int MaxYamlNodes = 100_000;
}
