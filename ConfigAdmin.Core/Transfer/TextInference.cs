using System.Globalization;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>Types of values read from text formats (env, properties): canonical spellings only, never json.</summary>
public static class TextInference
{
    /// <summary>
    /// Boolean for exactly <c>true</c>/<c>false</c>; Integer when the text is the 64-bit integer's own spelling
    /// (no '+', no leading zeros, no "-0"); Number when it is the double's shortest invariant spelling ("R");
    /// else String. So <c>01234</c>, <c>1.50</c> and <c>1e5</c> stay strings.
    /// </summary>
    public static ConfigValueType Infer(string text)
    {
        if (text is "true" or "false") return ConfigValueType.Boolean;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            && l.ToString(CultureInfo.InvariantCulture) == text) return ConfigValueType.Integer;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            && d.ToString("R", CultureInfo.InvariantCulture) == text) return ConfigValueType.Number;
        return ConfigValueType.String;
    }
}
