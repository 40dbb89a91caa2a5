using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConfigAdmin.Core.Transfer;

/// <summary>A node of a parsed YAML document; an alias is the anchored node itself, shared, never copied.</summary>
internal abstract class YamlNode(Mark start)
{
    public Mark Start { get; } = start;
}

internal sealed class YamlScalarNode(Scalar scalar) : YamlNode(scalar.Start)
{
    public string Value { get; } = scalar.Value;
    public ScalarStyle Style { get; } = scalar.Style;
    public string Tag { get; } = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
}

internal sealed class YamlMappingNode(Mark start) : YamlNode(start)
{
    public List<(YamlNode Key, YamlNode Value)> Items { get; } = [];
}

internal sealed class YamlSequenceNode(Mark start) : YamlNode(start)
{
    public List<YamlNode> Items { get; } = [];
}

/// <summary>Builds the first document of a YAML stream from parser events, iteratively, refusing more than one document and deep nesting.</summary>
internal static class YamlTree
{
    /// <summary>The root node, or null for an empty file or document.</summary>
    public static YamlNode? Parse(string text, string format)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var open = new Stack<(YamlNode Node, string? Anchor, YamlNode? PendingKey)>();
        YamlNode? root = null;
        int documents = 0, nodes = 0;
        var reached = Mark.Empty;
        while (Next(parser, format, ref reached))
        {
            var e = parser.Current!;
            YamlNode? done = null;
            string? anchor = null;
            switch (e)
            {
                case DocumentStart when ++documents > 1:
                    throw Error(format, e.Start, "the file holds more than one YAML document.");
                case Scalar s:
                    done = new YamlScalarNode(s);
                    anchor = s.Anchor.IsEmpty ? null : s.Anchor.Value;
                    break;
                case AnchorAlias a:
                    done = anchors.GetValueOrDefault(a.Value.Value)
                        ?? throw Error(format, e.Start, $"the alias '*{a.Value.Value}' names no anchor before it.");
                    break;
                case MappingStart or SequenceStart:
                    if (open.Count == TransferLimits.MaxDepth)
                        throw Error(format, e.Start, $"the document is nested deeper than {TransferLimits.MaxDepth} levels.");
                    var node = (NodeEvent)e;
                    var tag = node.Tag.IsEmpty ? "" : node.Tag.Value;
                    if (tag is not ("" or "!" or "tag:yaml.org,2002:map" or "tag:yaml.org,2002:seq"))
                        throw Error(format, e.Start, $"the tag '{tag}' is not supported.");
                    YamlNode collection = e is MappingStart ? new YamlMappingNode(e.Start) : new YamlSequenceNode(e.Start);
                    open.Push((collection, node.Anchor.IsEmpty ? null : node.Anchor.Value, null));
                    break;
                case MappingEnd or SequenceEnd:
                    (done, anchor, _) = open.Pop();
                    break;
            }
            if (done is null) continue;
            // The flattening budget counts aliases again; this one bounds the memory of the tree itself.
            if (++nodes > TransferLimits.MaxYamlNodes)
                throw Error(format, e.Start, $"the document has more than {TransferLimits.MaxYamlNodes} nodes.");
            if (anchor is not null) anchors[anchor] = done;
            if (open.Count == 0) root = done;
            else Attach(open, done);
        }
        return root;
    }

    /// <summary>Adds a finished node to the open collection: a sequence item, or a mapping's key, then its value.</summary>
    private static void Attach(Stack<(YamlNode Node, string? Anchor, YamlNode? PendingKey)> open, YamlNode done)
    {
        var (parent, anchor, pendingKey) = open.Pop();
        switch (parent)
        {
            case YamlSequenceNode sequence:
                sequence.Items.Add(done);
                open.Push((parent, anchor, null));
                break;
            case YamlMappingNode when pendingKey is null:
                open.Push((parent, anchor, done));
                break;
            case YamlMappingNode mapping:
                mapping.Items.Add((pendingKey, done));
                open.Push((parent, anchor, null));
                break;
        }
    }

    /// <summary>The next event; every parser failure becomes a format error, since YamlDotNet also throws non-YAML exceptions on some broken input.</summary>
    private static bool Next(Parser parser, string format, ref Mark reached)
    {
        try
        {
            if (!parser.MoveNext()) return false;
            reached = parser.Current!.End;
            return true;
        }
        catch (YamlException e)
        {
            throw Error(format, e.Start, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw Error(format, reached, $"the YAML is malformed after this point ({e.Message})");
        }
    }

    public static TransferFormatException Error(string format, Mark at, string message) =>
        at.Line > 0 ? new TransferFormatException(format, message, (int)at.Line, (int)at.Column)
        : new TransferFormatException(format, message);
}
