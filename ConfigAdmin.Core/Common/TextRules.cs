using System.Text;
using FluentValidation;

namespace ConfigAdmin.Core.Common;

/// <summary>Rules every stored text obeys, so that both databases can store it unchanged.</summary>
public static class TextRules
{
    /// <summary>PostgreSQL cannot store U+0000 and neither database can store a lone surrogate.</summary>
    public static bool IsStorable(string? text)
    {
        if (text is null) return true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(c)) return false;
        }
        return true;
    }

    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    public static IRuleBuilderOptions<T, string?> Storable<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsStorable).WithMessage("{PropertyName} contains a NUL character or invalid UTF-16.");
}
