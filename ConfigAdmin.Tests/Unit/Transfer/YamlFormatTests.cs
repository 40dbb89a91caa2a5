using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class YamlFormatTests
{
    private readonly YamlFormat _format = new();

    [Fact]
    public void Write_NestsKeys_TypedScalarsPlain_AmbiguousStringsQuoted()
    {
        var text = _format.Write([
            Tv.Str("App:Name", "Shop"),
            Tv.Int("App:Port", "8080"),
            Tv.Num("App:Ratio", "0.5"),
            Tv.Bool("App:Enabled", true),
            Tv.Str("App:Flag", "true"),
            Tv.Str("App:Zip", "01234"),
            Tv.Str("App:Answer", "yes"),
            Tv.Str("App:Lines", "a\nb"),
            Tv.Str("App:Url", "https://example.com/a?b=c&d"),
            Tv.Json("Payments:Retry", """{"count": 3, "codes": [500, 503], "on": null, "empty": {}, "none": []}"""),
            Tv.Int("Hosts:0", "1"),
        ]);

        Assert.Equal("""
            App:
              Answer: "yes"
              Enabled: true
              Flag: "true"
              Lines: "a\nb"
              Name: Shop
              Port: 8080
              Ratio: 0.5
              Url: https://example.com/a?b=c&d
              Zip: "01234"
            Hosts:
              "0": 1
            Payments:
              Retry:
                count: 3
                codes:
                - 500
                - 503
                "on": null
                empty: {}
                none: []

            """, text);
    }

    [Fact]
    public void Write_NoValues_IsAnEmptyMapping() => Assert.Equal("{}\n", _format.Write([]));

    [Fact]
    public void Write_KeyThatIsAValueAndAParent_ThrowsNamingBoth()
    {
        var e = Assert.Throws<ExportConflictException>(() => _format.Write([Tv.Str("A", "1"), Tv.Str("a:B", "2")]));

        Assert.Equal(("A", "a:B"), (e.Key, e.OtherKey));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("1")]
    [InlineData("-1.5")]
    [InlineData(".5")]
    [InlineData("1e3")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData(".inf")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("01234")]
    [InlineData("yes")]
    [InlineData("Off")]
    [InlineData("2024-01-31")]
    [InlineData("12:30")]
    [InlineData(" leading and trailing ")]
    [InlineData("a: b")]
    [InlineData("a #b")]
    [InlineData("#comment")]
    [InlineData("- item")]
    [InlineData("[list]")]
    [InlineData("{map}")]
    [InlineData("&anchor")]
    [InlineData("*alias")]
    [InlineData("!tag")]
    [InlineData("|block")]
    [InlineData(">folded")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("%directive")]
    [InlineData("@at")]
    [InlineData("`tick")]
    [InlineData("ends with colon:")]
    [InlineData("multi\nline\n")]
    [InlineData("tab\there")]
    [InlineData("back\\slash")]
    [InlineData("Grüße 😀")]
    [InlineData("nel\u0085ls\u2028ps\u2029nbsp\u00a0bom\ufeff")]
    [InlineData("ctrl\u0001\u007f")]
    [InlineData("<<")]
    public void RoundTrip_StringsThatYamlCouldRetype_ComeBackAsTheSameString(string value)
    {
        var back = _format.Read(_format.Write([Tv.Str("A:B", value)]));

        Assert.Equal([("A:B", ConfigValueType.String, value)], Tv.Rows(back));
    }

    [Fact]
    public void RoundTrip_KeepsKeysAndValues_JsonTypedKeysComeBackWholeWhenNamed()
    {
        List<TransferValue> values =
        [
            Tv.Str("App:Name", "Shop"),
            Tv.Int("App:Port", "-8080"),
            Tv.Num("App:Ratio", "2.5"),
            Tv.Bool("App:Enabled", false),
            Tv.Json("Payments:Retry", """{"count":3,"codes":[500,2.50],"name":"true","on":null,"nested":{"x":[]}}"""),
        ];

        var back = _format.Read(_format.Write(values), ["payments:retry"]);

        Assert.Equal(Tv.Sorted(values), Tv.Sorted(back));
    }

    [Fact]
    public void Read_CoreSchemaTypes_QuotedScalarsAreStrings_NullsSkipped()
    {
        var values = _format.Read("""
            bools: [true, True, TRUE, false, yes, on]
            ints: [42, +42, -0, 0x1F, 0o17, 017, 9223372036854775808]
            floats: [1.5, 1e3, .5, -.inf, .nan]
            quoted: ['true', "42", !!str 42, ! 42]
            tagged: [!!int "42", !!float 1, !!bool "false"]
            nulls: [~, null, Null, ]
            empty:
            text: plain words here
            block: |
              line one
              line two
            after: x
            """);

        Assert.Equal([
            ("bools:0", ConfigValueType.Boolean, "true"),
            ("bools:1", ConfigValueType.Boolean, "true"),
            ("bools:2", ConfigValueType.Boolean, "true"),
            ("bools:3", ConfigValueType.Boolean, "false"),
            ("bools:4", ConfigValueType.String, "yes"),
            ("bools:5", ConfigValueType.String, "on"),
            ("ints:0", ConfigValueType.Integer, "42"),
            ("ints:1", ConfigValueType.Integer, "42"),
            ("ints:2", ConfigValueType.Integer, "0"),
            ("ints:3", ConfigValueType.Integer, "31"),
            ("ints:4", ConfigValueType.Integer, "15"),
            ("ints:5", ConfigValueType.String, "017"),
            ("ints:6", ConfigValueType.Number, "9223372036854775808"),
            ("floats:0", ConfigValueType.Number, "1.5"),
            ("floats:1", ConfigValueType.Number, "1e3"),
            ("floats:2", ConfigValueType.Number, ".5"),
            ("floats:3", ConfigValueType.Number, "-.inf"),
            ("floats:4", ConfigValueType.Number, ".nan"),
            ("quoted:0", ConfigValueType.String, "true"),
            ("quoted:1", ConfigValueType.String, "42"),
            ("quoted:2", ConfigValueType.String, "42"),
            ("quoted:3", ConfigValueType.String, "42"),
            ("tagged:0", ConfigValueType.Integer, "42"),
            ("tagged:1", ConfigValueType.Number, "1"),
            ("tagged:2", ConfigValueType.Boolean, "false"),
            ("text", ConfigValueType.String, "plain words here"),
            ("block", ConfigValueType.String, "line one\nline two\n"),
            ("after", ConfigValueType.String, "x"),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_JsonTypedKey_GetsItsSubtreeAsCompactJson_WithCoreSchemaTypes()
    {
        var values = _format.Read("""
            Payments:
              Retry:
                count: 3
                backoff: [1, 2.50, 0x10, 1., +2]
                name: "x"
                flag: yes
                off: false
                gone: ~
              Limit: 5
            Word: hello
            """, ["Payments:Retry", "word"]);

        Assert.Equal([
            ("Payments:Retry", ConfigValueType.Json, """{"count":3,"backoff":[1,2.50,16,1,2],"name":"x","flag":"yes","off":false,"gone":null}"""),
            ("Payments:Limit", ConfigValueType.Integer, "5"),
            ("Word", ConfigValueType.Json, "\"hello\""),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_JsonTypedKeyHoldingInfinity_HasNoJsonForm()
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read("A:\n  x: .inf\n", ["A"]));

        Assert.Equal((2, 6), (e.Line, e.Column));
        Assert.Contains("'.inf' has no JSON form", e.Message);
    }

    [Fact]
    public void Read_AnchorsAndAliases_AreExpanded()
    {
        var values = _format.Read("""
            base: &base
              Timeout: 30
            copy: *base
            """);

        Assert.Equal([
            ("base:Timeout", ConfigValueType.Integer, "30"),
            ("copy:Timeout", ConfigValueType.Integer, "30"),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_EmptyOrNullDocument_HasNoValues()
    {
        Assert.Empty(_format.Read(""));
        Assert.Empty(_format.Read("# only a comment\n"));
        Assert.Empty(_format.Read("---\n~\n"));
    }

    [Theory]
    [InlineData("a: 1\n  b: 2\n", 2, 4, "found invalid mapping")]
    [InlineData("a: [1, 2\n", 2, 1, "did not find expected ',' or ']'")]
    [InlineData("a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document")]
    [InlineData("- 1\n- 2\n", 1, 1, "the root must be a mapping")]
    [InlineData("just text", 1, 1, "the root must be a mapping")]
    [InlineData("a: *nowhere\n", 1, 4, "the alias '*nowhere' names no anchor before it")]
    [InlineData("a: &x [*x]\n", 1, 8, "the alias '*x' names no anchor before it")]
    [InlineData("? [a]\n: 1\n", 1, 3, "a mapping key must be a scalar")]
    [InlineData("base: &b {x: 1}\nother:\n  <<: *b\n", 3, 3, "merge keys (<<) are not supported")]
    [InlineData("a: !custom x\n", 1, 4, "the tag '!custom' is not supported")]
    [InlineData("a: !!int abc\n", 1, 4, "'abc' is not a valid int")]
    [InlineData("a: !!binary aGk=\n", 1, 4, "the tag 'tag:yaml.org,2002:binary' is not supported")]
    [InlineData("A: 1\na: 2\n", 2, 1, "'A' and 'a' are the same ignoring case")]
    [InlineData("a b: 1\n", 1, 1, "'a b' is not a valid key")]
    [InlineData("a:\n  - x\n  - y y: 1\n", 3, 5, "'a:1:y y' is not a valid key")]
    [InlineData("a: \"\\uD800\"\n", 1, 4, "invalid Unicode surrogates")]
    public void Read_Malformed_NamesLineAndColumn(string text, int line, int column, string message)
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read(text));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(message, e.Message);
    }
}
