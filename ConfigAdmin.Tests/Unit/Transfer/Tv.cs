using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

/// <summary>Short builders for transfer values, so a test reads as its data.</summary>
internal static class Tv
{
    public static TransferValue Str(string key, string value) => new(key, ConfigValueType.String, value);
    public static TransferValue Int(string key, string value) => new(key, ConfigValueType.Integer, value);
    public static TransferValue Num(string key, string value) => new(key, ConfigValueType.Number, value);
    public static TransferValue Bool(string key, bool value) => new(key, ConfigValueType.Boolean, value ? "true" : "false");
    public static TransferValue Json(string key, string value) => new(key, ConfigValueType.Json, value);

    /// <summary>The values as comparable tuples, in the order given.</summary>
    public static List<(string, ConfigValueType, string)> Rows(IEnumerable<TransferValue> values) =>
        values.Select(v => (v.Key, v.Type, v.Value)).ToList();

    /// <summary>The values as comparable tuples, in ordinal key order.</summary>
    public static List<(string, ConfigValueType, string)> Sorted(IEnumerable<TransferValue> values) =>
        Rows(values.OrderBy(v => v.Key, StringComparer.Ordinal));
}
