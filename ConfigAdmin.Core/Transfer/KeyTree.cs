namespace ConfigAdmin.Core.Transfer;

/// <summary>
/// Keys split on ':' into a tree for the nested writers. Segments compare ignoring case, as .NET configuration
/// does, so "A:x" and "a:y" share one parent (spelled as the first key in ordinal order spells it).
/// </summary>
internal sealed class KeyTree
{
    private readonly Dictionary<string, KeyTree> _index = new(StringComparer.OrdinalIgnoreCase);

    private KeyTree(string name) => Name = name;

    public string Name { get; }

    /// <summary>The value at this node; a node has a value or children, never both.</summary>
    public TransferValue? Value { get; private set; }

    public List<KeyTree> Children { get; } = [];

    /// <summary>The root of the tree of these values; throws <see cref="ExportConflictException"/> for a key that is a value and a parent.</summary>
    public static KeyTree Build(IEnumerable<TransferValue> values)
    {
        var root = new KeyTree("");
        foreach (var value in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in value.Key.Split(':'))
            {
                if (node.Value is { } parent) throw ExportConflictException.ValueAndParent(parent.Key, value.Key);
                node = node.Child(segment);
            }
            if (node.Value is { } same) throw ExportConflictException.SameKey(same.Key, value.Key);
            if (node.Children.Count > 0) throw ExportConflictException.ValueAndParent(value.Key, node.FirstKey());
            node.Value = value;
        }
        return root;
    }

    private KeyTree Child(string segment)
    {
        if (_index.TryGetValue(segment, out var child)) return child;
        child = new KeyTree(segment);
        _index.Add(segment, child);
        Children.Add(child);
        return child;
    }

    private string FirstKey() => Value?.Key ?? Children[0].FirstKey();
}
