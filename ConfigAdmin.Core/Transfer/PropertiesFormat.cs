using System.Text;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>
/// Java-style .properties, written as <c>java.util.Properties.store(OutputStream)</c> writes each line: <c>key=value</c>,
/// <c>\</c> as <c>\\</c>; tab, newline, carriage return and form feed as <c>\t \n \r \f</c>; <c>= : # !</c> with a
/// backslash; spaces with a backslash in keys and at the start of a value; every other character outside
/// U+0020–U+007E as <c>\uXXXX</c>, so the file is plain ASCII (Java's default ISO-8859-1 reading is safe).
/// </summary>
public sealed class PropertiesFormat : IEnvironmentFormat
{
    public string Name => "properties";
    public string MediaType => "text/x-java-properties";
    public string FileExtension => ".properties";

    /// <summary>One line per key, in ordinal order; always works. Json values are written compact.</summary>
    public string Write(IEnumerable<TransferValue> values)
    {
        var text = new StringBuilder();
        foreach (var value in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            Escape(text, value.Key, escapeSpaces: true).Append('=');
            Escape(text, value.Type == ConfigValueType.Json ? JsonText.Compact(value.Value) : value.Value, escapeSpaces: false).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// The lines <c>java.util.Properties.load</c> reads: <c>=</c>, <c>:</c> or whitespace between key and value,
    /// <c>#</c>/<c>!</c> comment lines, a trailing odd backslash continues the line, <c>\uXXXX</c> and the other escapes.
    /// Unlike Java, a repeated key is an error rather than "last wins". Keys are taken as written ('.' stays '.').
    /// </summary>
    public IReadOnlyList<TransferValue> Read(string text, IEnumerable<string>? jsonKeys = null)
    {
        text = TransferText.Prepare(text, Name);
        var entries = new EntryCollector(Name, jsonKeys);
        foreach (var (key, value, index) in new PropertiesParser(text, Name).Pairs())
            entries.Add(key, TextInference.Infer(value), value, text, index);
        return entries.Values;
    }

    private static StringBuilder Escape(StringBuilder text, string value, bool escapeSpaces)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case ' ' when i == 0 || escapeSpaces: text.Append("\\ "); break;
                case '\\': text.Append(@"\\"); break;
                case '\t': text.Append(@"\t"); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\f': text.Append(@"\f"); break;
                case '=' or ':' or '#' or '!': text.Append('\\').Append(c); break;
                case < ' ' or > '~': text.Append(@"\u").Append(((int)c).ToString("X4")); break;
                default: text.Append(c); break;
            }
        }
        return text;
    }
}
