using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using FluentValidation;
using FluentValidation.Results;

namespace ConfigAdmin.Core.Configs;

/// <summary>Rules shared by create and update: key grammar, value size and type.</summary>
public static class ConfigRules
{
    public const int MaxKeyLength = 256;
    public const int MaxDescriptionLength = 1000;
    public static readonly string DescriptionTooLong = $"Description must be at most {MaxDescriptionLength} characters.";

    /// <summary>Null when the key obeys the grammar, else why not.</summary>
    public static string? CheckKey(string? key)
    {
        if (string.IsNullOrEmpty(key)) return "Key is required.";
        if (key.Length > MaxKeyLength) return $"Key must be at most {MaxKeyLength} characters.";
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
                return "Key may only contain letters, digits, '_', '-', '.' and ':'.";
        }
        if (key.Split('.', ':').Any(s => s.Length == 0)) return "Key must not have an empty segment (as in 'a..b', 'a:' or ':a').";
        if (key.Contains("__", StringComparison.Ordinal)) return "Key must not contain '__' (it would collide with ':' in environment variables).";
        return null;
    }

    /// <summary>Null when the value fits the size limit and parses as the type, else why not.</summary>
    public static string? CheckValue(ConfigValueType type, string? value)
    {
        if (value is null) return null;
        if (!TextRules.IsStorable(value)) return "contains a NUL character or invalid UTF-16.";
        if (value.Length > ConfigValues.MaxValueBytes || TextRules.Utf8Length(value) > ConfigValues.MaxValueBytes)
            return $"must be at most {ConfigValues.MaxValueBytes / 1024} KiB of UTF-8.";
        return ConfigValues.Check(type, value);
    }

    /// <summary>A field's name as a sentence starts with it: "Default Value" reads "Default value".</summary>
    private static string Label(string displayName) =>
        displayName.Length == 0 ? displayName : char.ToUpperInvariant(displayName[0]) + displayName[1..].ToLowerInvariant();

    public static IRuleBuilderOptionsConditions<T, string?> ValidKey<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Custom((key, ctx) => { if (CheckKey(key) is { } error) ctx.AddFailure(error); });

    public static IRuleBuilderOptionsConditions<T, string?> ValidValue<T>(this IRuleBuilder<T, string?> rule, Func<T, ConfigValueType?> type) =>
        rule.Custom((value, ctx) =>
        {
            if (type(ctx.InstanceToValidate) is { } t && CheckValue(t, value) is { } error)
                ctx.AddFailure($"{Label(ctx.DisplayName)} {error}");
        });
}

public sealed class ConfigCreateInputValidator : AbstractValidator<ConfigCreateInput>
{
    public ConfigCreateInputValidator()
    {
        RuleFor(c => c.Application).NotEmpty();
        RuleFor(c => c.Key).ValidKey();
        RuleFor(c => c.ValueType).NotNull().IsInEnum();
        RuleFor(c => c.DefaultValue).ValidValue(c => c.ValueType);
        RuleFor(c => c.Description).MaximumLength(ConfigRules.MaxDescriptionLength).WithMessage(ConfigRules.DescriptionTooLong).Storable();
        RuleFor(c => c.Overrides).Custom((overrides, ctx) =>
        {
            foreach (var (env, value) in overrides ?? new Dictionary<string, string?>())
            {
                var field = $"overrides.{env}";
                if (EnvironmentInputValidator.CheckName(env) is { } nameError) ctx.AddFailure(new ValidationFailure(field, nameError));
                if (value is null) ctx.AddFailure(new ValidationFailure(field, "An override needs a value; leave the environment out to inherit the default."));
                else if (ctx.InstanceToValidate.ValueType is { } t && ConfigRules.CheckValue(t, value) is { } error)
                    ctx.AddFailure(new ValidationFailure(field, $"Value {error}"));
            }
        });
    }
}

public sealed class ConfigUpdateInputValidator : AbstractValidator<ConfigUpdateInput>
{
    public ConfigUpdateInputValidator()
    {
        RuleFor(c => c.Key).ValidKey();
        RuleFor(c => c.ValueType).NotNull().IsInEnum();
        // "***" may mean "keep the stored default": only the service knows whether the key was secret, so it
        // checks that value itself (ConfigService.UpdateAsync).
        RuleFor(c => c.DefaultValue).ValidValue(c => c.ValueType).When(c => c.DefaultValue != SecretMask.Text);
        RuleFor(c => c.Description).MaximumLength(ConfigRules.MaxDescriptionLength).WithMessage(ConfigRules.DescriptionTooLong).Storable();
    }
}

public sealed class ConfigQueryValidator : AbstractValidator<ConfigQuery>
{
    public ConfigQueryValidator()
    {
        Include(new PagingRules());
        RuleFor(q => q.Search).MaximumLength(ConfigQuery.MaxSearchLength).Storable();
        RuleFor(q => q.Application).MaximumLength(100).Storable();
        RuleFor(q => q.Environment).MaximumLength(50).Storable();
    }
}
