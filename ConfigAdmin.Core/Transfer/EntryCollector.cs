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
        if (path.Length > ConfigRules.MaxKeyLength) throw BadKey(path, ConfigRules.CheckKey(path)!, () => (line, column));
    }

    /// <summary>Adds a value found at a known line and column, or throws a <see cref="TransferFormatException"/> there.</summary>
    public void Add(string key, ConfigValueType type, string value, int? line = null, int? column = null) =>
        Add(key, type, value, () => (line, column));

    /// <summary>Adds a value found at a character index of the text; the line and column are worked out only for an error.</summary>
    public void Add(string key, ConfigValueType type, string value, string text, int index) =>
        Add(key, type, value, () => { var (line, column) = TransferText.PositionOf(text, index); return (line, column); });

    private void Add(string key, ConfigValueType type, string value, Func<(int? Line, int? Column)> at)
    {
        if (ConfigRules.CheckKey(key) is { } keyError) throw BadKey(key, keyError, at);
        if (!_seen.TryAdd(key, key))
        {
            var first = _seen[key];
            throw Error(first == key
                ? $"the key '{key}' appears twice."
                : $"the keys '{first}' and '{key}' are the same ignoring case (configuration keys ignore case).", at);
        }
        if (_values.Count == TransferLimits.MaxEntries) throw Error($"the file holds more than {TransferLimits.MaxEntries} values.", at);
        if (!TextRules.IsStorable(value)) throw Error($"the value of '{key}' contains a NUL character or invalid UTF-16.", at);
        _values.Add(new TransferValue(key, IsJsonKey(key) ? ConfigValueType.Json : type, value));
    }

    private TransferFormatException BadKey(string key, string error, Func<(int?, int?)> at) =>
        Error($"'{(key.Length <= 300 ? key : key[..300] + "…")}' is not a valid key. {error}", at);

    private TransferFormatException Error(string message, Func<(int? Line, int? Column)> at)
    {
        var (line, column) = at();
        return new TransferFormatException(format, message, line, column);
    }
}
