using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class FlatJsonFormatTests
{
    private readonly FlatJsonFormat _format = new();

    [Fact]
    public void Write_OnePropertyPerKey_TypedValues_EvenWhenAKeyIsAlsoAParent()
    {
        var text = _format.Write([
            Tv.Str("A:B", "x"),
            Tv.Int("A", "1"),
            Tv.Json("Payments:Retry", """{ "count": 3 }"""),
            Tv.Bool("On", true),
            Tv.Num("Ratio", "1e3"),
        ]);

        Assert.Equal("""
            {
              "A": 1,
              "A:B": "x",
              "On": true,
              "Payments:Retry": {
                "count": 3
              },
              "Ratio": 1000
            }

            """, text);
    }

    [Fact]
    public void Read_PropertiesAreKeys_ObjectsAndArraysAreJson_NullsSkipped()
    {
        var values = _format.Read("""
            { "A": 1, "A:B": "x", "Retry": { "count": 3 }, "List": [1, "a"], "Gone": null, "Big": 1.5e300, "No": false }
            """);

        Assert.Equal([
            ("A", ConfigValueType.Integer, "1"),
            ("A:B", ConfigValueType.String, "x"),
            ("Retry", ConfigValueType.Json, """{"count":3}"""),
            ("List", ConfigValueType.Json, """[1,"a"]"""),
            ("Big", ConfigValueType.Number, "1.5e300"),
            ("No", ConfigValueType.Boolean, "false"),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_JsonTypedKeyWithAScalar_KeepsItsJsonText()
    {
        var values = _format.Read("""{ "J": "text", "K": 5, "L": null }""", ["j", "k", "l"]);

        Assert.Equal([
            ("J", ConfigValueType.Json, "\"text\""),
            ("K", ConfigValueType.Json, "5"),
            ("L", ConfigValueType.Json, "null"),
        ], Tv.Rows(values));
    }

    [Fact]
    public void RoundTrip_KeepsEveryKeyTypeAndValue_IncludingJsonValues()
    {
        List<TransferValue> values =
        [
            Tv.Int("A", "1"),
            Tv.Str("A:B", "line\none \"two\" \\ é 😀"),
            Tv.Str("A:C", "  "),
            Tv.Str("A:D", "true"),
            Tv.Json("Payments:Retry", """{"count":3,"codes":[500]}"""),
            Tv.Num("Ratio", "0.1"),
            Tv.Bool("On", true),
        ];

        Assert.Equal(Tv.Sorted(values), Tv.Sorted(_format.Read(_format.Write(values))));
    }

    [Fact]
    public void Read_DuplicateKeysIgnoringCase_AreAnError()
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read("""{ "A:b": 1, "a:B": 2 }"""));

        Assert.Contains("'A:b' and 'a:B' are the same ignoring case", e.Message);
    }
}
