using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class JsonFormatTests
{
    private readonly JsonFormat _format = new();

    [Fact]
    public void Write_NestsKeysOnColons_WithTypedValuesAndJsonAsSections()
    {
        var text = _format.Write([
            Tv.Str("Logging:LogLevel:Default", "Information"),
            Tv.Json("Payments:Retry", """{ "count": 3, "codes": [500, 503] }"""),
            Tv.Int("App:Port", "8080"),
            Tv.Str("App:Name", "Café <&>"),
            Tv.Bool("App:Enabled", true),
            Tv.Num("App:Ratio", "0.5"),
            Tv.Str("App:Host.Name", "x"),
        ]);

        Assert.Equal("""
            {
              "App": {
                "Enabled": true,
                "Host.Name": "x",
                "Name": "Café <&>",
                "Port": 8080,
                "Ratio": 0.5
              },
              "Logging": {
                "LogLevel": {
                  "Default": "Information"
                }
              },
              "Payments": {
                "Retry": {
                  "count": 3,
                  "codes": [
                    500,
                    503
                  ]
                }
              }
            }

            """, text);
    }

    [Fact]
    public void Write_NoValues_IsAnEmptyObject() => Assert.Equal("{}\n", _format.Write([]));

    [Theory]
    [InlineData("A", "A:B", "A", "A:B")]
    [InlineData("a", "A:B:C", "a", "A:B:C")]
    [InlineData("A:B", "a:b:c", "A:B", "a:b:c")]
    public void Write_KeyThatIsAValueAndAParent_ThrowsNamingBoth(string parent, string child, string key, string other)
    {
        var e = Assert.Throws<ExportConflictException>(() => _format.Write([Tv.Str(parent, "1"), Tv.Str(child, "2")]));

        Assert.Equal((key, other), (e.Key, e.OtherKey));
        Assert.Contains($"'{key}' has a value and is also the parent of '{other}'", e.Message);
        Assert.Equal("export_conflict", e.Code);
    }

    [Fact]
    public void Write_JsonValueBesideAKeyBelowIt_Conflicts()
    {
        var e = Assert.Throws<ExportConflictException>(() =>
            _format.Write([Tv.Json("Payments:Retry", """{"count":3}"""), Tv.Int("Payments:Retry:Max", "5")]));

        Assert.Equal(("Payments:Retry", "Payments:Retry:Max"), (e.Key, e.OtherKey));
    }

    [Fact]
    public void Write_SegmentsThatDifferOnlyInCase_ShareOneSection()
    {
        var text = _format.Write([Tv.Int("app:y", "2"), Tv.Int("App:x", "1")]);

        Assert.Equal("{\n  \"App\": {\n    \"x\": 1,\n    \"y\": 2\n  }\n}\n", text);
    }

    [Fact]
    public void Read_FlattensObjectsAndArrays_SkipsNulls_InfersTypes()
    {
        var values = _format.Read("""
            {
              // comments and trailing commas are fine, as in appsettings.json
              "Logging": { "LogLevel": { "Default": "Warning" } },
              "Hosts": [ "a", { "Name": "b" }, null, [ true ] ],
              "Port": 8080,
              "Big": 9223372036854775808,
              "Ratio": 1.50,
              "Exp": 1e3,
              "NegZero": -0,
              "Off": false,
              "Nothing": null,
              "Empty": {},
              "Text": "01234",
              "A:B": "colon in a name",
            }
            """);

        Assert.Equal([
            ("Logging:LogLevel:Default", ConfigValueType.String, "Warning"),
            ("Hosts:0", ConfigValueType.String, "a"),
            ("Hosts:1:Name", ConfigValueType.String, "b"),
            ("Hosts:3:0", ConfigValueType.Boolean, "true"),
            ("Port", ConfigValueType.Integer, "8080"),
            ("Big", ConfigValueType.Number, "9223372036854775808"),
            ("Ratio", ConfigValueType.Number, "1.50"),
            ("Exp", ConfigValueType.Number, "1e3"),
            ("NegZero", ConfigValueType.Integer, "0"),
            ("Off", ConfigValueType.Boolean, "false"),
            ("Text", ConfigValueType.String, "01234"),
            ("A:B", ConfigValueType.String, "colon in a name"),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_JsonTypedKey_GetsItsWholeSubtreeAsCompactJson()
    {
        const string text = """
            {
              "Payments": {
                "Retry": { "count": 3, "codes": [ 500, 503 ], "note": "é\n" },
                "Limit": 5
              },
              "Flags": [ 1, 2 ],
              "Scalar": "x",
              "Nothing": null
            }
            """;

        var values = _format.Read(text, ["payments:RETRY", "flags", "Scalar", "Nothing"]);

        Assert.Equal([
            ("Payments:Retry", ConfigValueType.Json, """{"count":3,"codes":[500,503],"note":"é\n"}"""),
            ("Payments:Limit", ConfigValueType.Integer, "5"),
            ("Flags", ConfigValueType.Json, "[1,2]"),
            ("Scalar", ConfigValueType.Json, "\"x\""),
            ("Nothing", ConfigValueType.Json, "null"),
        ], Tv.Rows(values));
    }

    [Theory]
    [InlineData("""{ "A": 1, "a": 2 }""", "'A' and 'a' are the same ignoring case")]
    [InlineData("""{ "A": { "B": 1 }, "A:B": 2 }""", "the key 'A:B' appears twice")]
    [InlineData("""{ "a b": 1 }""", "'a b' is not a valid key. Key may only contain")]
    [InlineData("""{ "A": { "": 1 } }""", "'A:' is not a valid key. Key must not have an empty segment")]
    [InlineData("""{ "A__B": 1 }""", "must not contain '__'")]
    [InlineData("[1, 2]", "the root must be a JSON object")]
    [InlineData("\"text\"", "the root must be a JSON object")]
    public void Read_BadKeysAndShapes_AreFormatErrors(string text, string message)
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read(text));

        Assert.Contains(message, e.Message);
        Assert.Equal("json", e.Format);
        Assert.Equal("malformed_file", e.Code);
    }

    [Fact]
    public void Read_BrokenSyntax_NamesLineAndColumn()
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read("{\n  \"Name\": \"Grüße\",\n  \"b\": ,\n}"));

        Assert.Equal((3, 8), (e.Line, e.Column));
        Assert.StartsWith("The json file cannot be read at line 3, column 8: ',' is an invalid start of a value.", e.Message);
    }

    [Fact]
    public void Read_ColumnCountsCharactersNotUtf8Bytes()
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read("{ \"Grüße\": x }"));

        Assert.Equal((1, 12), (e.Line, e.Column));
    }

    [Fact]
    public void RoundTrip_KeepsKeysAndValues_JsonTypedKeysComeBackWholeWhenNamed()
    {
        List<TransferValue> values =
        [
            Tv.Str("App:Name", "Shop \"main\"\n"),
            Tv.Str("App:Zip", "01234"),
            Tv.Str("App:Empty", ""),
            Tv.Int("App:Port", "-8080"),
            Tv.Num("App:Ratio", "0.25"),
            Tv.Bool("App:Enabled", false),
            Tv.Json("Payments:Retry", """{"count":3,"codes":[500,503]}"""),
        ];

        var back = _format.Read(_format.Write(values), ["Payments:Retry"]);

        Assert.Equal(Tv.Sorted(values), Tv.Sorted(back));
    }

    [Fact]
    public void RoundTrip_WhatIsLossy_NumbersNormalizeAndUnnamedJsonFlattens()
    {
        var text = _format.Write([
            Tv.Num("N:Padded", "1.50"),
            Tv.Num("N:Whole", "3.0"),
            Tv.Int("N:Plus", "+7"),
            Tv.Json("J:Obj", """{ "a" : [1, {"b": null}] }"""),
            Tv.Json("J:Str", "\"quoted\""),
            Tv.Json("J:Empty", "{}"),
        ]);

        Assert.Equal([
            ("J:Obj:a:0", ConfigValueType.Integer, "1"),
            ("J:Str", ConfigValueType.String, "quoted"),
            ("N:Padded", ConfigValueType.Number, "1.5"),
            ("N:Plus", ConfigValueType.Integer, "7"),
            ("N:Whole", ConfigValueType.Integer, "3"),
        ], Tv.Sorted(_format.Read(text)));
        Assert.Equal([
            ("J:Empty", ConfigValueType.Json, "{}"),
            ("J:Obj", ConfigValueType.Json, """{"a":[1,{"b":null}]}"""),
            ("J:Str", ConfigValueType.Json, "\"quoted\""),
        ], Tv.Sorted(_format.Read(text, ["J:Obj", "J:Str", "J:Empty"]).Where(v => v.Key.StartsWith('J'))));
    }
}
