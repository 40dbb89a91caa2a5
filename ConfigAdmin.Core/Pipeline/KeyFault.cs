using FluentValidation.Results;

namespace ConfigAdmin.Core.Pipeline;

/// <summary>Which part of a key's target state breaks a rule.</summary>
public enum KeyPart
{
    Name,
    Default,
    Override,
    Schema,
}

/// <summary>One part of a key's target state that breaks a rule; <c>Problem</c> completes a sentence ("must be true or false.").</summary>
public sealed record KeyFault(KeyStep Step, KeyPart Part, string? Environment, string Problem)
{
    public string Key => Step.Key;

    /// <summary>The bulk paths' naming: the field is the key, the message says where.</summary>
    public static ValidationFailure ByKey(KeyFault f) => new(f.Key, f.Part switch
    {
        KeyPart.Name => f.Problem,
        KeyPart.Default => $"'{f.Key}' default {f.Problem}",
        KeyPart.Schema => $"'{f.Key}' {f.Problem}",
        _ => $"'{f.Key}' in {f.Environment} {f.Problem}",
    });
}
