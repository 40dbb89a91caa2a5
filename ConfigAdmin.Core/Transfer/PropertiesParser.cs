using System.Globalization;
using System.Text;

namespace ConfigAdmin.Core.Transfer;

/// <summary>The .properties scanner behind <see cref="PropertiesFormat.Read"/>: Java's logical lines and escapes.</summary>
internal sealed class PropertiesParser(string text, string format)
{
    private int _i;

    /// <summary>Each key and value, unescaped, with the index where its line starts.</summary>
    public IEnumerable<(string Key, string Value, int Index)> Pairs()
    {
        while (SkipToContent())
        {
            var start = _i;
            var (line, sources) = LogicalLine();
            var split = Split(line, out var valueStart);
            yield return (Unescape(line, sources, 0, split), Unescape(line, sources, valueStart, line.Length), start);
        }
    }

    /// <summary>Skips whitespace, blank lines and comment lines; false at the end of the text.</summary>
    private bool SkipToContent()
    {
        while (_i < text.Length)
        {
            var c = text[_i];
            if (c is ' ' or '\t' or '\f' or '\n' or '\r') _i++;
            else if (c is '#' or '!') SkipNaturalLine();
            else return true;
        }
        return false;
    }

    /// <summary>A line with its continuations joined (leading whitespace of each continuation dropped), and each char's index.</summary>
    private (string Line, List<int> Sources) LogicalLine()
    {
        var line = new StringBuilder();
        var sources = new List<int>();
        while (true)
        {
            var backslashes = 0;
            while (_i < text.Length && text[_i] is not ('\n' or '\r'))
            {
                backslashes = text[_i] == '\\' ? backslashes + 1 : 0;
                line.Append(text[_i]);
                sources.Add(_i++);
            }
            SkipLineBreak();
            if (backslashes % 2 == 0 || _i >= text.Length)
                return (line.ToString(), sources);
            line.Length--;
            sources.RemoveAt(sources.Count - 1);
            while (_i < text.Length && text[_i] is ' ' or '\t' or '\f') _i++;
        }
    }

    /// <summary>The key ends at the first unescaped '=', ':' or whitespace; one '=' or ':' may follow whitespace.</summary>
    private static int Split(string line, out int valueStart)
    {
        var end = 0;
        var escaped = false;
        var separator = false;
        for (; end < line.Length; end++)
        {
            var c = line[end];
            if (!escaped && c is '=' or ':') { separator = true; break; }
            if (!escaped && c is ' ' or '\t' or '\f') break;
            escaped = c == '\\' && !escaped;
        }
        valueStart = Math.Min(end + 1, line.Length);
        while (valueStart < line.Length && line[valueStart] is ' ' or '\t' or '\f' or '=' or ':')
        {
            if (line[valueStart] is '=' or ':')
            {
                if (separator) break;
                separator = true;
            }
            valueStart++;
        }
        return end;
    }

    private string Unescape(string line, List<int> sources, int from, int to)
    {
        var value = new StringBuilder(to - from);
        for (var i = from; i < to; i++)
        {
            if (line[i] != '\\' || i + 1 >= to)
            {
                if (line[i] != '\\') value.Append(line[i]);
                continue;
            }
            var c = line[++i];
            switch (c)
            {
                case 't': value.Append('\t'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 'f': value.Append('\f'); break;
                case 'u':
                    if (to - i - 1 < 4 || !ushort.TryParse(line.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        throw TransferText.Error(format, text, sources[i - 1], "a \\u escape needs four hex digits.");
                    value.Append((char)code);
                    i += 4;
                    break;
                default: value.Append(c); break;
            }
        }
        return value.ToString();
    }

    private void SkipNaturalLine()
    {
        while (_i < text.Length && text[_i] is not ('\n' or '\r')) _i++;
        SkipLineBreak();
    }

    private void SkipLineBreak()
    {
        if (_i < text.Length && text[_i] == '\r') _i++;
        if (_i < text.Length && text[_i] == '\n') _i++;
    }
}
