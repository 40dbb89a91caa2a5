using System.Globalization;
using System.Text.RegularExpressions;
using ConfigAdmin.Core.Configs;
using YamlDotNet.Core;

namespace ConfigAdmin.Core.Transfer;

/// <summary>What a YAML scalar means (the YAML 1.2 core schema) and how a string must be written to keep meaning a string.</summary>
internal static partial class YamlScalars
{
    private const string Str = "tag:yaml.org,2002:str";
    private const string Null = "tag:yaml.org,2002:null";
    private const string Bool = "tag:yaml.org,2002:bool";
    private const string Int = "tag:yaml.org,2002:int";
    private const string Float = "tag:yaml.org,2002:float";

    // Plain words YAML 1.1 readers (still common) turn into null or booleans, on top of the core schema's.
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    /// <summary>
    /// The type and stored text of a scalar, or null for a YAML null. Quoted and block scalars, and those tagged
    /// <c>!</c> or <c>!!str</c>, are strings. Plain ones: <c>~ null Null NULL</c> and empty are null; <c>true/True/TRUE</c>
    /// and the false forms Boolean; decimal, <c>0o</c> octal and <c>0x</c> hex integers that fit 64 bits Integer (decimal);
    /// core-schema floats Number as written. Decimal integers with a leading zero stay strings (YAML 1.1 read them as
    /// octal, 1.2 as decimal). <c>!!null !!bool !!int !!float</c> tags must fit their scalar; other tags are refused.
    /// </summary>
    public static (ConfigValueType Type, string Value)? Resolve(string value, ScalarStyle style, string tag, Func<string, Exception> error)
    {
        if (tag is "!" or Str || (tag.Length == 0 && style != ScalarStyle.Plain)) return (ConfigValueType.String, value);
        var resolved = ResolvePlain(value);
        var ok = tag switch
        {
            "" => true,
            Null => resolved is null,
            Bool => resolved?.Type == ConfigValueType.Boolean,
            Int => resolved?.Type == ConfigValueType.Integer || (resolved?.Type == ConfigValueType.Number && IntPattern().IsMatch(value)),
            Float => resolved?.Type is ConfigValueType.Number or ConfigValueType.Integer,
            _ => throw error($"the tag '{tag}' is not supported (only !!str, !!int, !!float, !!bool and !!null)."),
        };
        if (!ok) throw error($"'{value}' is not a valid {tag[(tag.LastIndexOf(':') + 1)..]}.");
        return tag == Float && resolved?.Type == ConfigValueType.Integer ? (ConfigValueType.Number, resolved.Value.Value) : resolved;
    }

    /// <summary>True when a string can be written plain and still reads back as that string (in YAML 1.1 and 1.2).</summary>
    /// <remarks>Starts with an ASCII letter, '_' or '/'; only printable ASCII; no ": ", " #", trailing space or ':'; not a keyword.</remarks>
    public static bool CanBePlain(string value) =>
        value.Length > 0
        && (char.IsAsciiLetter(value[0]) || value[0] is '_' or '/')
        && value.All(c => c is >= ' ' and <= '~')
        && value[^1] is not (' ' or ':')
        && !value.Contains(": ", StringComparison.Ordinal)
        && !value.Contains(" #", StringComparison.Ordinal)
        && !Keywords.Contains(value);

    private static (ConfigValueType Type, string Value)? ResolvePlain(string value)
    {
        if (value is "" or "~" or "null" or "Null" or "NULL") return null;
        if (value is "true" or "True" or "TRUE") return (ConfigValueType.Boolean, "true");
        if (value is "false" or "False" or "FALSE") return (ConfigValueType.Boolean, "false");
        if (IntPattern().IsMatch(value))
        {
            var digits = value.TrimStart('+', '-');
            if (digits.Length > 1 && digits[0] == '0') return (ConfigValueType.String, value);
            return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                ? (ConfigValueType.Integer, l.ToString(CultureInfo.InvariantCulture))
                : (ConfigValueType.Number, value);
        }
        if (value.StartsWith("0o", StringComparison.Ordinal) && OctalPattern().IsMatch(value))
            return Based(value, 8);
        if (value.StartsWith("0x", StringComparison.Ordinal) && HexPattern().IsMatch(value))
            return Based(value, 16);
        if (FloatPattern().IsMatch(value) || InfNanPattern().IsMatch(value)) return (ConfigValueType.Number, value);
        return (ConfigValueType.String, value);
    }

    private static (ConfigValueType, string) Based(string value, int radix)
    {
        try
        {
            var n = Convert.ToUInt64(value[2..], radix);
            return n <= long.MaxValue ? (ConfigValueType.Integer, n.ToString(CultureInfo.InvariantCulture)) : (ConfigValueType.String, value);
        }
        catch (OverflowException)
        {
            return (ConfigValueType.String, value);
        }
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex InfNanPattern();
}
