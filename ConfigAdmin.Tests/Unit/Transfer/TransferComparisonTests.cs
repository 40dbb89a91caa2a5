using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class TransferComparisonTests
{
    [Theory]
    [InlineData(ConfigValueType.Integer, "007", "7", true)]
    [InlineData(ConfigValueType.Integer, "+5", "5", true)]
    [InlineData(ConfigValueType.Integer, "5", "6", false)]
    [InlineData(ConfigValueType.Number, "1.50", "1.5", true)]
    [InlineData(ConfigValueType.Number, "1e3", "1000", true)]
    [InlineData(ConfigValueType.Number, "0.1", "0.10000001", false)]
    [InlineData(ConfigValueType.Json, """{ "a": 1, "b": [1.0, "x"] }""", """{"b":[1,"x"],"a":1}""", true)]
    [InlineData(ConfigValueType.Json, """{"a":1}""", """{"a":"1"}""", false)]
    [InlineData(ConfigValueType.Json, "not json", "not json", true)]
    [InlineData(ConfigValueType.Json, "not json", "{}", false)]
    [InlineData(ConfigValueType.String, "1.50", "1.5", false)]
    [InlineData(ConfigValueType.String, "a", "A", false)]
    [InlineData(ConfigValueType.Boolean, "true", "true", true)]
    public void SameValue_ComparesByType(ConfigValueType type, string stored, string imported, bool same) =>
        Assert.Equal(same, TransferComparison.SameValue(type, stored, imported));

    [Fact]
    public void SameValue_HoldsForEveryValueAfterANestedRoundTrip()
    {
        List<TransferValue> values = [Tv.Num("A:N", "1.50"), Tv.Int("A:I", "+7"), Tv.Json("A:J", """{ "x" : [ 1.0 ] }""")];
        var jsonTyped = values.Where(v => v.Type == ConfigValueType.Json).Select(v => v.Key).ToList();

        var back = TransferFormats.Yaml.Read(TransferFormats.Yaml.Write(values), jsonTyped).ToDictionary(v => v.Key);

        Assert.All(values, v => Assert.True(TransferComparison.SameValue(v.Type, v.Value, back[v.Key].Value), v.Key));
    }
}
