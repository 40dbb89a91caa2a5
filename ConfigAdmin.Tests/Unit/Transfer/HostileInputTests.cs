using System.Diagnostics;
using System.Text;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

/// <summary>Every reader refuses hostile files quickly with a format error, never an unhandled exception or a long stall.</summary>
[Trait("Category", "Unit")]
public sealed class HostileInputTests
{
    // Generous: the machine is shared; a quadratic parser takes tens of seconds on these inputs.
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(5);

    public static TheoryData<string> Formats => new(TransferFormats.Names);

    private static object Read(string format, string text, IEnumerable<string>? jsonKeys = null) => TransferFormats.Get(format) switch
    {
        IEnvironmentFormat f => f.Read(text, jsonKeys),
        ConfigAdminFormat f => f.Read(text),
        _ => throw new InvalidOperationException(),
    };

    private static TransferFormatException Refused(string format, string text, IEnumerable<string>? jsonKeys = null)
    {
        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<TransferFormatException>(() => Read(format, text, jsonKeys));
        Assert.True(clock.Elapsed < Quick, $"took {clock.Elapsed}");
        return e;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_TextOverOneMiB_IsRefused(string format)
    {
        var e = Refused(format, new string(' ', TransferLimits.MaxTextLength + 1));

        Assert.Contains("larger than the limit of 1 MiB", e.Message);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_LoneSurrogate_IsRefusedWithItsPosition(string format)
    {
        var e = Refused(format, "{\n  \"a\": \"x\uD800\"\n}");

        Assert.Equal((2, 10), (e.Line, e.Column));
        Assert.Contains("invalid UTF-16", e.Message);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_NulCharacter_IsRefusedWithItsPosition(string format)
    {
        var e = Refused(format, "a=1\nb=\0");

        Assert.Equal((2, 3), (e.Line, e.Column));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Read_ByteOrderMark_IsIgnored(string format)
    {
        var text = format switch
        {
            "json" or "flat" => "\uFEFF{\"a\":1}",
            "yaml" => "\uFEFFa: 1",
            "configadmin" => "\uFEFF{\"format\":\"configadmin\",\"version\":1,\"application\":{\"name\":\"a\",\"owner\":\"o\",\"contactEmail\":\"e\"},\"keys\":[]}",
            _ => "\uFEFFa=1",
        };

        Assert.NotNull(Read(format, text));
    }

    [Fact]
    public void Decode_InvalidUtf8_IsAFormatErrorWithTheByte()
    {
        var e = Assert.Throws<TransferFormatException>(() => TransferText.Decode([(byte)'a', (byte)'=', 0xC3, 0x28], "env"));

        Assert.Contains("not valid UTF-8 (at byte 2)", e.Message);
    }

    [Fact]
    public void Decode_DropsTheByteOrderMark_AndRefusesOversizedBodies()
    {
        Assert.Equal("a=é", TransferText.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("a=é")], "env"));
        Assert.Throws<TransferFormatException>(() => TransferText.Decode(new byte[TransferLimits.MaxTextLength + 1], "env"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("flat")]
    [InlineData("configadmin")]
    public void Read_DeepJsonNesting_IsRefusedAtTheLimit(string format)
    {
        var e = Refused(format, "{\"a\":" + new string('[', 500_000));

        Assert.Contains("maximum configured depth of 64", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Theory]
    [InlineData("a: ", "[", 1, 67)]
    [InlineData("a: ", "{", 1, 67)]
    [InlineData("a:\n  ", "- ", 2, 129)]
    public void Read_DeepYamlNesting_IsRefusedAtTheLimit(string start, string opener, int line, int column)
    {
        var e = Refused("yaml", start + string.Concat(Enumerable.Repeat(opener, 300_000)) + "x");

        Assert.Contains("nested deeper than 64 levels", e.Message);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void Read_DeepYamlBlockIndentation_IsRefusedAtTheLimit()
    {
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i) + "a:\n"));

        Assert.Contains("nested deeper than 64 levels", Refused("yaml", text).Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bomb")]
    public void Read_YamlAliasBomb_IsRefusedByTheNodeBudget(string? jsonKey)
    {
        // Nulls make no values, so the node budget (not the value limit) is what stops this one.
        var text = new StringBuilder("l0: &l0 [~, ~, ~, ~, ~, ~, ~, ~, ~, ~]\n");
        for (var i = 1; i < 10; i++) text.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        text.Append("bomb: *l9\n");

        var e = Refused("yaml", text.ToString(), jsonKey is null ? null : [jsonKey]);

        Assert.Contains($"expands to more than {TransferLimits.MaxYamlNodes} nodes", e.Message);
    }

    [Fact]
    public void Read_YamlWithMoreNodesThanTheBudget_IsRefusedWhileParsing()
    {
        var e = Refused("yaml", "a: [" + string.Join(",", Enumerable.Repeat("~", 400_000)) + "]");

        Assert.Contains($"the document has more than {TransferLimits.MaxYamlNodes} nodes", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Read_YamlAliasesThatNestPastTheDepthLimit_AreRefused()
    {
        // The chain ends 61 levels down under "root", which is fine; used six levels deeper it ends at 67.
        var chain = string.Concat(Enumerable.Range(0, 60).Select(i => $"{{n{i}: ")) + "1" + new string('}', 60);
        var text = $"root: &r {chain}\nother: {{a: {{b: {{c: {{d: {{e: {{f: *r}}}}}}}}}}}}\n";

        var e = Refused("yaml", text);

        Assert.Contains("nested deeper than 64 levels (aliases?)", e.Message);
        Assert.Single(TransferFormats.Yaml.Read($"root: &r {chain}\n"));
    }

    [Theory]
    [InlineData("env")]
    [InlineData("properties")]
    [InlineData("yaml")]
    [InlineData("flat")]
    public void Read_MoreThanTheEntryLimit_IsRefused(string format)
    {
        var lines = Enumerable.Range(0, TransferLimits.MaxEntries + 1);
        var text = format switch
        {
            "yaml" => string.Concat(lines.Select(i => $"k{i}: 1\n")),
            "flat" => "{" + string.Join(",", lines.Select(i => $"\"k{i}\":1")) + "}",
            _ => string.Concat(lines.Select(i => $"k{i}=1\n")),
        };

        var e = Refused(format, text);

        Assert.Contains($"more than {TransferLimits.MaxEntries} values", e.Message);
    }

    [Fact]
    public void Read_HugeArrayOfNulls_IsCheap()
    {
        var clock = Stopwatch.StartNew();

        var values = TransferFormats.Json.Read("{\"a\":[" + string.Join(",", Enumerable.Repeat("null", 200_000)) + "]}");

        Assert.Empty(values);
        Assert.True(clock.Elapsed < Quick, $"took {clock.Elapsed}");
    }

    [Fact]
    public void Read_HugePropertyNameNestedDeep_StopsAtTheKeyLengthLimit()
    {
        var name = new string('a', 400_000);
        var text = "{\"" + name + "\":" + string.Concat(Enumerable.Repeat("{\"b\":", 60)) + "1" + new string('}', 61);

        var e = Refused("json", text);

        Assert.Contains("Key must be at most 256 characters", e.Message);
    }

    [Theory]
    [InlineData("env", "A=\"")]
    [InlineData("env", "A='")]
    [InlineData("yaml", "a: \"")]
    [InlineData("yaml", "a: '")]
    public void Read_UnclosedQuoteOverAMegabyte_IsRefusedQuickly(string format, string start)
    {
        var e = Refused(format, start + string.Concat(Enumerable.Repeat("x \\ \n", (TransferLimits.MaxTextLength - 10) / 6)));

        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Read_PropertiesContinuationsOverAMegabyte_AreOneLinearValue()
    {
        var clock = Stopwatch.StartNew();

        var value = TransferFormats.Properties.Read("a=" + string.Concat(Enumerable.Repeat("x\\\n   ", 170_000))).Single().Value;

        Assert.Equal(new string('x', 170_000), value);
        Assert.True(clock.Elapsed < Quick, $"took {clock.Elapsed}");
    }
}
