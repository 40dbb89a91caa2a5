using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Resolution;

namespace ConfigAdmin.Core.Transfer;

/// <summary>One key of one environment's file: what a writer writes and a reader returns (the stored string form).</summary>
/// <remarks>From a reader, <see cref="Type"/> is inferred from the file: the service uses it for new keys only.</remarks>
public sealed record TransferValue(string Key, ConfigValueType Type, string Value)
{
    /// <summary>The exported form of a resolved value (its source and secret flag are the caller's business).</summary>
    public static TransferValue From(ResolvedValue value) => new(value.Key, value.Type, value.Value);
}
