namespace ConfigAdmin.Core.Configs;

/// <summary>The type every value of a key must parse as.</summary>
public enum ConfigValueType
{
    String,
    Integer,
    Number,
    Boolean,
    Json,

    /// <summary>A feature flag: one Microsoft Feature Management definition per environment (Core/Flags).</summary>
    Flag,
}
