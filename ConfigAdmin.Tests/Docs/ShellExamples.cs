using System.Text.RegularExpressions;

namespace ConfigAdmin.Tests.Docs;

/// <summary>A fenced <c>```bash</c> block of a Markdown file: the heading it sits under and its commands.</summary>
public sealed record ShellBlock(string Heading, int Line, IReadOnlyList<ShellCommand> Commands)
{
    public string FirstCommand => Commands.Count > 0 ? Commands[0].Text : "";
}

/// <summary>One command as a reader types it (continuation lines joined), with the comment after it.</summary>
public sealed partial record ShellCommand(string Text, string? Comment, int Line)
{
    /// <summary>The variable a line such as <c>KEY=ca_…</c> or <c>ETAG=$(curl …)</c> sets, if it starts with one.</summary>
    public string? Assigns => Assignment().Match(Text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>A value the reader fills in: an assignment whose value holds an ellipsis (<c>ADMIN=…</c>, <c>KEY=ca_…</c>).</summary>
    public bool IsPlaceholder => Assigns is not null && Text.Contains('…');

    /// <summary>Runs until the reader stops it: the comment says Ctrl+C.</summary>
    public bool RunsUntilStopped => Comment?.Contains("Ctrl+C", StringComparison.Ordinal) == true;

    /// <summary>The status the comment announces (<c># 304 Not Modified</c>), else null: any 2xx.</summary>
    public int? AnnouncedStatus => Comment is not null && StatusComment().Match(Comment) is { Success: true } m ? int.Parse(m.Groups[1].Value) : null;

    /// <summary>The JSON property the comment names for a placeholder: <c>KEY=ca_…   # its "secret"</c>.</summary>
    public string? NamedProperty => Comment is not null && QuotedName().Match(Comment) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^(\d{3})\b")]
    private static partial Regex StatusComment();

    [GeneratedRegex("\"([A-Za-z][A-Za-z0-9]*)\"")]
    private static partial Regex QuotedName();
}

/// <summary>Reads the shell examples of a Markdown file: every <c>```bash</c> block, in order.</summary>
public static class ShellExamples
{
    public static IReadOnlyList<ShellBlock> Parse(string markdown)
    {
        var blocks = new List<ShellBlock>();
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var heading = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith('#')) heading = lines[i].TrimStart('#').Trim();
            if (lines[i].Trim() != "```bash") continue;
            var start = i + 1;
            var commands = new List<ShellCommand>();
            var text = "";
            var first = 0;
            for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
            {
                var line = lines[i];
                if (text.Length == 0 && (line.TrimStart().StartsWith('#') || line.Trim().Length == 0)) continue;
                if (text.Length == 0) first = i + 1;
                if (line.EndsWith('\\'))
                {
                    text += line[..^1] + " ";
                    continue;
                }
                var (command, comment) = SplitComment(text + line);
                commands.Add(new ShellCommand(command, comment, first));
                text = "";
            }
            blocks.Add(new ShellBlock(heading, start, commands));
        }
        return blocks;
    }

    /// <summary>The command and its trailing comment: a <c>#</c> after whitespace, outside quotes.</summary>
    private static (string Command, string? Comment) SplitComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
                else if (c == '\\' && quote == '"') i++;
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == '\\') i++;
            else if (c == '#' && i > 0 && char.IsWhiteSpace(line[i - 1]))
                return (line[..i].Trim(), line[(i + 1)..].Trim());
        }
        return (line.Trim(), null);
    }
}
