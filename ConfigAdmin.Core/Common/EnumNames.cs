namespace ConfigAdmin.Core.Common;

/// <summary>Enum values as callers name them: a member's name, ignoring case; never a number ("7" is no action).</summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        return !string.IsNullOrEmpty(text) && !char.IsAsciiDigit(text[0]) && text[0] is not ('-' or '+')
               && Enum.TryParse(text, ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static T? Parse<T>(string? text) where T : struct, Enum => TryParse<T>(text, out var value) ? value : null;
}
