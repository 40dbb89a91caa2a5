using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Transfer;

/// <summary>What every reader does with a value it found: key grammar, no duplicates ignoring case, the entry limit.</summary>
internal sealed class EntryCollector(string format, IEnumerable<string>? jsonKeys)
{
    private readonly HashSet<string>? _jsonKeys = jsonKeys is null ? null : new(jsonKeys, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<TransferValue> _values = [];

    public IReadOnlyList<TransferValue> Values => _values;

    /// <summary>True when the target application has this key as json-typed: its whole value is read as JSON.</summary>
    public bool IsJsonKey(string key) => _jsonKeys?.Contains(key) == true;

    /// <summary>Stops a walk as soon as its path is longer than any key may be, before it builds longer ones.</summary>
    public void CheckPathLength(string path, int? line = null, int? column = null)
    {
        if (path.Length > ConfigRules.MaxKeyLength)
            throw new TransferFormatException(format, $"'{Shorten(path)}' is not a valid key. {ConfigRules.CheckKey(path)}", line, column);
    }

    /// <summary>Adds a value, or throws a <see cref="TransferFormatException"/> at the given position.</summary>
    public void Add(string key, ConfigValueType type, string value, int? line = null, int? column = null)
    {
        if (ConfigRules.CheckKey(key) is { } keyError)
            throw new TransferFormatException(format, $"'{Shorten(key)}' is not a valid key. {keyError}", line, column);
        if (!_seen.TryAdd(key, key))
        {
            var first = _seen[key];
            throw new TransferFormatException(format, first == key
                ? $"the key '{key}' appears twice."
                : $"the keys '{first}' and '{key}' are the same ignoring case (configuration keys ignore case).", line, column);
        }
        if (_values.Count == TransferLimits.MaxEntries)
            throw new TransferFormatException(format, $"the file holds more than {TransferLimits.MaxEntries} values.", line, column);
        if (!TextRules.IsStorable(value))
            throw new TransferFormatException(format, $"the value of '{key}' contains a NUL character or invalid UTF-16.", line, column);
        _values.Add(new TransferValue(key, IsJsonKey(key) ? ConfigValueType.Json : type, value));
    }

    private static string Shorten(string key) => key.Length <= 300 ? key : key[..300] + "…";
}
