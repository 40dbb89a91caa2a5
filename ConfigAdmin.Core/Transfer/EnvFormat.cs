using System.Text;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>
/// A .env file: one <c>A__B=value</c> line per key (':' written as "__", as .NET's environment provider reads it).
/// Values are written bare when they are only <c>A-Z a-z 0-9 _ . / : @ % + , = -</c>; else in single quotes
/// (literal) when they hold no <c>'</c>, <c>\</c> or control character; else in double quotes with
/// <c>\\ \" \n \r \t</c> escapes. Strings that would read back as another type are quoted, and quoted values
/// always read back as strings. Json values are written as compact JSON text.
/// </summary>
public sealed class EnvFormat : IEnvironmentFormat
{
    public string Name => "env";
    public string MediaType => "text/plain";
    public string FileExtension => ".env";

    /// <summary>One line per key, in ordinal order; always works.</summary>
    public string Write(IEnumerable<TransferValue> values)
    {
        var text = new StringBuilder();
        foreach (var value in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var raw = value.Type == ConfigValueType.Json ? JsonText.Compact(value.Value) : value.Value;
            var mustQuote = value.Type == ConfigValueType.String && TextInference.Infer(raw) != ConfigValueType.String;
            text.Append(value.Key.Replace(":", "__", StringComparison.Ordinal)).Append('=');
            AppendValue(text, raw, mustQuote).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// <c>KEY=value</c> and <c>export KEY=value</c> lines, <c>#</c> comments, blank lines; "__" in a name becomes ':'.
    /// Bare values end at a <c>#</c> after whitespace and are trimmed; single quotes are literal; double quotes take
    /// <c>\\ \" \' \$ \n \r \t</c> (other escapes stay as written) and may span lines.
    /// </summary>
    public IReadOnlyList<TransferValue> Read(string text, IEnumerable<string>? jsonKeys = null)
    {
        text = TransferText.Prepare(text, Name);
        var entries = new EntryCollector(Name, jsonKeys);
        foreach (var line in new EnvParser(text, Name).Lines())
        {
            var key = line.Name.Replace("__", ":", StringComparison.Ordinal);
            var type = line.Quoted ? ConfigValueType.String : TextInference.Infer(line.Value);
            entries.Add(key, type, line.Value, text, line.Index);
        }
        return entries.Values;
    }

    private static StringBuilder AppendValue(StringBuilder text, string value, bool mustQuote)
    {
        if (!mustQuote && value.All(IsBare)) return text.Append(value);
        if (!value.Any(c => c is '\'' or '\\' || char.IsControl(c))) return text.Append('\'').Append(value).Append('\'');
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ => c.ToString(),
            });
        }
        return text.Append('"');
    }

    private static bool IsBare(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or ':' or '@' or '%' or '+' or ',' or '=' or '-';
}
