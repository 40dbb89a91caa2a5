using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class PropertiesFormatTests
{
    private readonly PropertiesFormat _format = new();

    private static readonly List<TransferValue> Sample =
    [
        Tv.Str("App:Name", "Shop"),
        Tv.Int("App:Port", "8080"),
        Tv.Bool("App:Enabled", false),
        Tv.Str("App:Specials", "a=b:c#d!e"),
        Tv.Str("App:Padded", "  lead and trail  "),
        Tv.Str("App:Lines", "a\nb\r\tc\fd \\ e"),
        Tv.Str("App:Unicode", "Grüße 😀"),
        Tv.Str("App:Empty", ""),
        Tv.Str("App:Zip", "01234"),
        Tv.Json("Payments:Retry", """{ "count": 3 }"""),
    ];

    [Fact]
    public void Write_EscapesAsJavaPropertiesStoreDoes()
    {
        Assert.Equal("""
            App\:Empty=
            App\:Enabled=false
            App\:Lines=a\nb\r\tc\fd \\ e
            App\:Name=Shop
            App\:Padded=\  lead and trail  
            App\:Port=8080
            App\:Specials=a\=b\:c\#d\!e
            App\:Unicode=Gr\u00FC\u00DFe \uD83D\uDE00
            App\:Zip=01234
            Payments\:Retry={"count"\:3}

            """, _format.Write(Sample));
    }

    [Fact]
    public void RoundTrip_GivesBackEveryKeyAndValue_TypesByCanonicalSpelling()
    {
        var back = _format.Read(_format.Write(Sample), ["Payments:Retry"]);

        Assert.Equal(Tv.Sorted(Sample.Select(v => v.Key == "Payments:Retry" ? v with { Value = """{"count":3}""" } : v)), Tv.Sorted(back));
    }

    [Fact]
    public void Read_TheJavaSyntax()
    {
        var values = _format.Read("""
            # comment
            ! another comment
            equals = spaced value
            colon:value
            space value with spaces  
            	indented=x
            noValue
            empty=
            multi=first \
                  second \
              third
            evenBackslashes=ends\\
            next=after
            escapes=\t\u0041\=\:\#\!\ x\q
            keyWith\:colon=1
            hashInValue=a # not a comment
            sepThenEquals = =x
            """);

        Assert.Equal([
            ("equals", ConfigValueType.String, "spaced value"),
            ("colon", ConfigValueType.String, "value"),
            ("space", ConfigValueType.String, "value with spaces  "),
            ("indented", ConfigValueType.String, "x"),
            ("noValue", ConfigValueType.String, ""),
            ("empty", ConfigValueType.String, ""),
            ("multi", ConfigValueType.String, "first second third"),
            ("evenBackslashes", ConfigValueType.String, "ends\\"),
            ("next", ConfigValueType.String, "after"),
            ("escapes", ConfigValueType.String, "\tA=:#! xq"),
            ("keyWith:colon", ConfigValueType.Integer, "1"),
            ("hashInValue", ConfigValueType.String, "a # not a comment"),
            ("sepThenEquals", ConfigValueType.String, "=x"),
        ], Tv.Rows(values));
    }

    [Fact]
    public void Read_InfersCanonicalFormsOnly_NeverJson()
    {
        var values = _format.Read("a=1\nb=01\nc=true\nd=1.5\ne=1.50\nf={\"x\":1}\n");

        Assert.Equal([ConfigValueType.Integer, ConfigValueType.String, ConfigValueType.Boolean, ConfigValueType.Number,
            ConfigValueType.String, ConfigValueType.String], values.Select(v => v.Type));
    }

    [Theory]
    [InlineData("a=1\nb=\\u12G4", 2, 3, "a \\u escape needs four hex digits")]
    [InlineData("a=1\nb=x\\u12", 2, 4, "a \\u escape needs four hex digits")]
    [InlineData("a=1\nmy\\ key=2", 2, 1, "'my key' is not a valid key")]
    [InlineData("a.b=1\nA.B=2", 2, 1, "'a.b' and 'A.B' are the same ignoring case")]
    [InlineData("a=1\na=2", 2, 1, "the key 'a' appears twice")]
    [InlineData("a=\\uD800", 1, 1, "contains a NUL character or invalid UTF-16")]
    public void Read_Malformed_NamesLineAndColumn(string text, int line, int column, string message)
    {
        var e = Assert.Throws<TransferFormatException>(() => _format.Read(text));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(message, e.Message);
    }
}
