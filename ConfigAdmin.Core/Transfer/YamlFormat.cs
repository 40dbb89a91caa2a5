using System.Text.Json;
using ConfigAdmin.Core.Configs;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ConfigAdmin.Core.Transfer;

/// <summary>
/// Nested YAML, like <see cref="JsonFormat"/>: block mappings, integers/numbers/booleans plain, strings plain only
/// when <see cref="YamlScalars.CanBePlain"/> says they stay strings, else double-quoted (YamlDotNet's escapes).
/// Reading follows the YAML 1.2 core schema (see <see cref="YamlScalars.Resolve"/>); aliases are expanded within
/// <see cref="TransferLimits.MaxYamlNodes"/>.
/// </summary>
public sealed class YamlFormat : IEnvironmentFormat
{
    private static readonly EmitterSettings Settings = new EmitterSettings().WithBestWidth(int.MaxValue).WithNewLine("\n");

    public string Name => "yaml";
    public string MediaType => "application/yaml";
    public string FileExtension => ".yaml";

    /// <summary>Nested YAML; throws <see cref="ExportConflictException"/> when a key is a value and a parent.</summary>
    public string Write(IEnumerable<TransferValue> values)
    {
        var root = KeyTree.Build(values);
        var text = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        YamlWriting.Node(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>The flattened values of a YAML document whose root is a mapping (an empty file has none).</summary>
    public IReadOnlyList<TransferValue> Read(string text, IEnumerable<string>? jsonKeys = null)
    {
        text = TransferText.Prepare(text, Name);
        var root = YamlTree.Parse(text, Name);
        var entries = new EntryCollector(Name, jsonKeys);
        if (root is null || root is YamlScalarNode { Style: ScalarStyle.Plain, Tag: "", Value: "" or "~" or "null" or "Null" or "NULL" })
            return entries.Values;
        if (root is not YamlMappingNode mapping) throw YamlTree.Error(Name, root.Start, "the root must be a mapping.");
        var budget = new YamlBudget(Name);
        foreach (var (key, value) in mapping.Items) Visit(entries, budget, KeyText(key), value, key.Start, 1);
        return entries.Values;
    }

    /// <param name="at">Where the key (or sequence item) is written: the place a bad or repeated key is reported.</param>
    private void Visit(EntryCollector entries, YamlBudget budget, string path, YamlNode node, Mark at, int depth)
    {
        budget.Count(node, depth);
        var (line, column) = ((int)at.Line, (int)at.Column);
        entries.CheckPathLength(path, line, column);
        if (entries.IsJsonKey(path))
        {
            var json = JsonText.WriteCompact(writer => YamlWriting.Json(writer, node, budget, depth, Name));
            entries.Add(path, ConfigValueType.Json, json, line, column);
            return;
        }
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Items) Visit(entries, budget, path + ":" + KeyText(key), value, key.Start, depth + 1);
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                    Visit(entries, budget, path + ":" + i, sequence.Items[i], sequence.Items[i].Start, depth + 1);
                break;
            case YamlScalarNode scalar when YamlWriting.Resolve(scalar, Name) is { } resolved:
                entries.Add(path, resolved.Type, resolved.Value, line, column);
                break;
        }
    }

    private string KeyText(YamlNode key) => key switch
    {
        YamlScalarNode { Value: "<<", Style: ScalarStyle.Plain } => throw YamlTree.Error(Name, key.Start, "merge keys (<<) are not supported."),
        YamlScalarNode scalar => scalar.Value,
        _ => throw YamlTree.Error(Name, key.Start, "a mapping key must be a scalar."),
    };
}

/// <summary>Counts nodes visited (aliases count each time they are expanded) and checks depth after expansion.</summary>
internal sealed class YamlBudget(string format)
{
    private int _nodes;

    public void Count(YamlNode node, int depth)
    {
        if (++_nodes > TransferLimits.MaxYamlNodes)
            throw YamlTree.Error(format, node.Start, $"the document expands to more than {TransferLimits.MaxYamlNodes} nodes (aliases?).");
        if (depth > TransferLimits.MaxDepth)
            throw YamlTree.Error(format, node.Start, $"the document is nested deeper than {TransferLimits.MaxDepth} levels (aliases?).");
    }
}
