using System.Text;

namespace ConfigAdmin.Core.Transfer;

/// <summary>The .env scanner behind <see cref="EnvFormat.Read"/>: one assignment at a time, with positions.</summary>
internal sealed class EnvParser(string text, string format)
{
    private int _i;

    /// <summary>One assignment: the name as written, the value, whether it was quoted, where the line starts.</summary>
    public readonly record struct Line(string Name, string Value, bool Quoted, int Index);

    public IEnumerable<Line> Lines()
    {
        while (_i < text.Length)
        {
            SkipBlanks();
            if (_i >= text.Length) yield break;
            if (text[_i] is '\n' or '\r' || text[_i] == '#')
            {
                SkipToLineEnd();
                continue;
            }
            yield return Assignment();
        }
    }

    private Line Assignment()
    {
        var start = _i;
        var name = Word();
        if (name == "export" && _i < text.Length && text[_i] is ' ' or '\t')
        {
            SkipBlanks();
            start = _i;
            name = Word();
        }
        if (name.Length == 0) throw Error(_i, "expected a name.");
        SkipBlanks();
        if (_i >= text.Length || text[_i] != '=') throw Error(_i, $"expected '=' after '{name}'.");
        _i++;
        SkipBlanks();
        var quoted = _i < text.Length && text[_i] is '\'' or '"';
        var value = !quoted ? Bare() : text[_i] == '\'' ? SingleQuoted() : DoubleQuoted();
        if (quoted) EndOfQuotedLine();
        return new Line(name, value, quoted, start);
    }

    private string Word()
    {
        var start = _i;
        while (_i < text.Length && !char.IsWhiteSpace(text[_i]) && text[_i] != '=') _i++;
        return text[start.._i];
    }

    /// <summary>To the end of the line; a '#' after whitespace starts a comment; trailing whitespace is dropped.</summary>
    private string Bare()
    {
        var start = _i;
        while (_i < text.Length && text[_i] is not ('\n' or '\r') && !(text[_i] == '#' && _i > 0 && text[_i - 1] is ' ' or '\t')) _i++;
        var value = text[start.._i].TrimEnd(' ', '\t');
        SkipToLineEnd();
        return value;
    }

    private string SingleQuoted()
    {
        var open = _i++;
        var close = text.IndexOf('\'', _i);
        if (close < 0) throw Error(open, "a single-quoted value is not closed.");
        var value = text[_i..close];
        _i = close + 1;
        return value;
    }

    private string DoubleQuoted()
    {
        var open = _i++;
        var value = new StringBuilder();
        while (true)
        {
            if (_i >= text.Length) throw Error(open, "a double-quoted value is not closed.");
            var c = text[_i++];
            if (c == '"') return value.ToString();
            if (c != '\\' || _i >= text.Length)
            {
                value.Append(c);
                continue;
            }
            var next = text[_i++];
            switch (next)
            {
                case '\\' or '"' or '\'' or '$': value.Append(next); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                default: value.Append('\\').Append(next); break;
            }
        }
    }

    private void EndOfQuotedLine()
    {
        SkipBlanks();
        if (_i < text.Length && text[_i] is not ('\n' or '\r' or '#'))
            throw Error(_i, "unexpected text after the closing quote (a comment needs '#').");
        SkipToLineEnd();
    }

    private void SkipBlanks()
    {
        while (_i < text.Length && text[_i] is ' ' or '\t') _i++;
    }

    private void SkipToLineEnd()
    {
        while (_i < text.Length && text[_i] is not ('\n' or '\r')) _i++;
        if (_i < text.Length && text[_i] == '\r') _i++;
        if (_i < text.Length && text[_i] == '\n') _i++;
    }

    private TransferFormatException Error(int index, string message) => TransferText.Error(format, text, index, message);
}
