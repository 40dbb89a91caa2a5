using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class EnvFormatTests
{
    private readonly EnvFormat _format = new();

    private static readonly List<TransferValue> Sample =
    [
        Tv.Str("App:Name", "Shop"),
        Tv.Int("App:Port", "8080"),
        Tv.Num("App:Ratio", "0.5"),
        Tv.Bool("App:Enabled", true),
        Tv.Str("App:Zip", "01234"),
        Tv.Str("App:Flag", "true"),
        Tv.Str("App:Count", "12"),
        Tv.Str("App:Url", "https://example.com/a?b=c&d=%20"),
        Tv.Str("App:Comment", "Hello, world # 1"),
        Tv.Str("App:Padded", "  padded  "),
        Tv.Str("App:Dollar", "$HOME and ${X}"),
        Tv.Str("App:Quote", "it's \"here\""),
        Tv.Str("App:Lines", "a\nb\r\n\tc \\ d"),
        Tv.Str("App:Unicode", "Grüße 😀"),
        Tv.Str("App:Empty", ""),
        Tv.Str("App:Equals", "a=b"),
        Tv.Str("App:Path", "/srv/app-1/data_2.txt:x@y%z+w,v"),
        Tv.Json("Payments:Retry", """{ "count": 3, "note": "it's" }"""),
        Tv.Json("Payments:Codes", "[500, 503]"),
    ];

    [Fact]
    public void Write_QuotesOnlyWhatNeedsIt_AndNamesUseDoubleUnderscore()
    {
        Assert.Equal("""
            App__Comment='Hello, world # 1'
            App__Count='12'
            App__Dollar='$HOME and ${X}'
            App__Empty=
            App__Enabled=true
            App__Equals=a=b
            App__Flag='true'
            App__Lines="a\nb\r\n\tc \\ d"
            App__Name=Shop
            App__Padded='  padded  '
            App__Path=/srv/app-1/data_2.txt:x@y%z+w,v
            App__Port=8080
            App__Quote="it's \"here\""
            App__Ratio=0.5
            App__Unicode='Grüße 😀'
            App__Url='https://example.com/a?b=c&d=%20'
            App__Zip=01234
            Payments__Codes='[500,503]'
            Payments__Retry="{\"count\":3,\"note\":\"it's\"}"

            """, _format.Write(Sample));
    }

    [Fact]
    public void RoundTrip_GivesBackEveryKeyAndValue_QuotedStringsStayStrings()
    {
        var back = _format.Read(_format.Write(Sample));

        Assert.Equal(Tv.Sorted(Sample.Select(v => v with
        {
            Type = v.Type == ConfigValueType.Json ? ConfigValueType.String : v.Type,
            Value = v.Type == ConfigValueType.Json ? v.Key.EndsWith("Retry") ? """{"count":3,"note":"it's"}""" : "[500,503]" : v.Value,
        })), Tv.Sorted(back));
    }

    [Fact]
    public void Read_JsonTypedKeys_AreTypedJson()
    {
        var back = _format.Read(_format.Write(Sample), ["payments:retry", "Payments:Codes"]);

        Assert.Equal(ConfigValueType.Json, back.Single(v => v.Key == "Payments:Retry").Type);
        Assert.Equal("[500,503]", back.Single(v => v.Key == "Payments:Codes").Value);
    }

    [Fact]
    public void Read_TheDotenvSyntax()
    {
        var values = _format.Read("""
            # a comment
            export Logging__LogLevel__Default=Warning

              SPACED = around equals   
            INLINE=value # a comment
            HASH=value#not-a-comment
            BLANKCOMMENT= # only a comment
            SINGLE='literal \n $X' # comment
            DOUBLE="tab\there \"q\" \'s\' \$ \x"
            MULTI="line one
            line two"
            EMPTYQ=""
            CRLF=yes
            export=plain
            """.Replace("CRLF=yes", "CRLF=yes\r"));

        Assert.Equal([
            ("Logging:LogLevel:Default", ConfigValueType.String, "Warning"),
            ("SPACED", ConfigValueType.String, "around equals"),
            ("INLINE", ConfigValueType.String, "value"),
            ("HASH", ConfigValueType.String, "value#not-a-comment"),
            ("BLANKCOMMENT", ConfigValueType.String, ""),
            ("SINGLE", ConfigValueType.String, "literal \\n $X"),
            ("DOUBLE", ConfigValueType.String, "tab\there \"q\" 's' $ \\x"),
            ("MULTI", ConfigValueType.String, "line one\nline two"),
            ("EMPTYQ", ConfigValueType.String, ""),
            ("CRLF", ConfigValueType.String, "yes"),
            ("export", ConfigValueType.String, "plain"),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_InfersCanonicalFormsOfBareValuesOnly()
    {
        var values = _format.Read("A=42\nB=0042\nC=true\nD=TRUE\nE=2.5\nF=2.50\nG='42'\nH=\"true\"\nI={\"a\":1}\n");

        Assert.Equal([
            ("A", ConfigValueType.Integer, "42"),
            ("B", ConfigValueType.String, "0042"),
            ("C", ConfigValueType.Boolean, "true"),
            ("D", ConfigValueType.String, "TRUE"),
            ("E", ConfigValueType.Number, "2.5"),
            ("F", ConfigValueType.String, "2.50"),
            ("G", ConfigValueType.String, "42"),
            ("H", ConfigValueType.String, "true"),
            ("I", ConfigValueType.String, """{"a":1}"""),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_ThreeUnderscores_FollowDotNet_TheFirstPairIsTheColon()
    {
        var text = _format.Write([Tv.Str("A_:B", "1")]);

        Assert.Equal("A___B='1'\n", text);
        Assert.Equal("A:_B", _format.Read(text).Single().Key);
    }

    [Theory]
    [InlineData("A=1\nB='open\nC=3", 2, 3, "a single-quoted value is not closed")]
    [InlineData("A=1\n  B=\"open", 2, 5, "a double-quoted value is not closed")]
    [InlineData("A=1\nJUSTANAME\n", 2, 10, "expected '=' after 'JUSTANAME'")]
    [InlineData("A B=1", 1, 3, "expected '=' after 'A'")]
    [InlineData("A='x' y", 1, 7, "unexpected text after the closing quote")]
    [InlineData("A=1\nB$=2", 2, 1, "'B$' is not a valid key")]
    [InlineData("A=1\nX____Y=2", 2, 1, "'X::Y' is not a valid key")]
    [InlineData("A__B=1\na:b=2", 2, 1, "'A:B' and 'a:b' are the same ignoring case")]
    [InlineData("=1", 1, 1, "expected a name")]
    public void Read_Malformed_NamesLineAndColumn(string text, int line, int column, string message)
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read(text));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(message, e.Message);
    }
}
