using System.Net;
using System.Net.Sockets;
using ConfigAdmin.Core.Schemas;

namespace ConfigAdmin.Tests.Unit.Schemas;

/// <summary>What a schema may be, and what a value against it reports: every fault at its pointer, never the value.</summary>
[Trait("Category", "Unit")]
public sealed class SchemaCompilerTests
{
    private readonly SchemaCompiler _compiler = new();

    private const string Retry = """
        {"type":"object","required":["name","port"],"additionalProperties":false,
         "properties":{"retry":{"type":"object","properties":{"count":{"type":"integer","minimum":1}}},
                       "owner":{"format":"email"},"since":{"format":"date-time"},"id":{"format":"uuid"},"host":{"format":"ipv4"},
                       "home":{"format":"uri"},"limit":{"maximum":3},"name":{"type":"string"},"port":{"type":"integer"}}}
        """;

    [Fact]
    public void Check_AValueWithSeveralFaults_ListsEachAtItsPointer()
    {
        var faults = _compiler.Check(Retry,
            """{"retry":{"count":"three"},"owner":"nope","since":"yesterday","id":"x","host":"300.1.1.1","home":"not a uri","limit":5,"extra":1}""");

        Assert.Equal(
        [
            ("", "is missing the required property 'name'."),
            ("", "is missing the required property 'port'."),
            ("/retry/count", "must be an integer (not a string)."),
            ("/owner", "must be an email address."),
            ("/since", "must be a date-time as RFC 3339 writes it, such as 2026-12-01T10:00:00Z."),
            ("/id", "must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301."),
            ("/host", "must be an IPv4 address such as 192.0.2.10."),
            ("/home", "must be an absolute URI such as https://example.com/path."),
            ("/limit", "must be at most 3."),
            ("/extra", "is not a property the schema allows."),
        ], faults.OrderBy(f => f.Pointer.Length == 0 ? 0 : 1).ToList());
    }

    [Fact]
    public void Check_NeverQuotesTheValue()
    {
        const string secret = "hunter2-very-secret";
        var schema = """{"type":"object","properties":{"p":{"type":"string","minLength":50,"pattern":"^x","format":"email","enum":["a"]},"n":{"maximum":3,"multipleOf":7}}}""";

        var faults = _compiler.Check(schema, $$"""{"p":"{{secret}}","n":123456789}""");

        Assert.True(faults.Count >= 5, string.Join("; ", faults));
        Assert.All(faults, f => Assert.DoesNotContain(secret, f.Message));
        Assert.All(faults, f => Assert.DoesNotContain("123456789", f.Message));
    }

    [Fact]
    public void Check_Alternatives_AreOneFaultSayingWhatEachNeeds()
    {
        Assert.Equal([("", "matches none of the 'anyOf' alternatives: it must be a string (not an object); or it is missing the required property 'a'.")],
            _compiler.Check("""{"anyOf":[{"type":"string"},{"type":"object","required":["a"]}]}""", "{}"));
        Assert.Equal([("", "matches 2 of the 'oneOf' alternatives; it must match exactly one.")],
            _compiler.Check("""{"oneOf":[{"type":"integer"},{"type":"number"}]}""", "1"));
    }

    [Fact]
    public void Check_ItemsAfterAPrefix_AndReferences_PointAtTheRightPlace()
    {
        Assert.Equal([("/2", "must be a boolean (not a number).")],
            _compiler.Check("""{"prefixItems":[{"type":"integer"},{"type":"string"}],"items":{"type":"boolean"}}""", """[1,"a",5]"""));
        Assert.Equal([("/servers/1", "is missing the required property 'host'."), ("/servers/1/port", "must be at most 65535.")],
            _compiler.Check("""{"properties":{"servers":{"items":{"$ref":"#/$defs/server"}}},"$defs":{"server":{"required":["host"],"properties":{"port":{"maximum":65535}}}}}""",
                """{"servers":[{"host":"a"},{"port":70000}]}"""));
    }

    [Fact]
    public void Check_AValidValue_HasNoFault() =>
        Assert.Empty(_compiler.Check(Retry, """{"name":"a","port":1,"retry":{"count":3},"owner":"ops@example.com","since":"2026-12-01T10:00:00Z"}"""));

    [Theory]
    [InlineData("""{"type":"strin"}""", "/type", "must be one of array, boolean, integer, null, number, object, string, or an array of them.")]
    [InlineData("""{"properties":{"a":{"minimum":"x"}}}""", "/properties/a/minimum", "must be a number (not a string).")]
    [InlineData("""{"pattern":"(unclosed"}""", "/pattern", "must be a valid regular expression.")]
    [InlineData("""{"format":"emial"}""", "/format", "'emial' is not a format this server checks")]
    [InlineData("""{"$ref":"#/$defs/missing"}""", "/$ref", "'#/$defs/missing' points to nothing in this schema.")]
    [InlineData("""{"$ref":"#nowhere"}""", "/$ref", "names the anchor 'nowhere', which this schema does not declare.")]
    [InlineData("""{"properties":{"a":{"$ref":"other.json#/x"}}}""", "/properties/a/$ref", "refers outside this schema")]
    [InlineData("""{"$schema":"http://json-schema.org/draft-07/schema#"}""", "/$schema", "must be https://json-schema.org/draft/2020-12/schema")]
    [InlineData("""{"$defs":{"a":{"$id":"https://example.com/a"}}}""", "/$defs/a/$id", "embedded resources are not supported")]
    [InlineData("""{"patternProperties":{"^a/b":{}}}""", "/patternProperties/^a~1b", "may not contain '/' or '~'")]
    [InlineData("""["not","an","object"]""", "", "must be a JSON object.")]
    [InlineData("""{"type":""", "", "is not well-formed JSON.")]
    public void Compile_AnInvalidSchema_SaysWhereAndWhy(string schema, string pointer, string message)
    {
        var compiled = _compiler.Compile(schema);

        Assert.False(compiled.IsValid);
        Assert.Contains(compiled.Faults, f => f.Pointer == pointer && f.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Compile_ASchemaOver64KiB_IsRefused()
    {
        var big = $$"""{"description":"{{new string('x', 64 * 1024)}}"}""";

        Assert.Equal([new SchemaFault("", "is larger than 64 KiB of UTF-8.")], _compiler.Compile(big).Faults);
    }

    [Fact]
    public async Task Compile_ARemoteReference_IsRefused_AndNothingIsFetched()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/schema.json";
            var accepted = listener.AcceptTcpClientAsync();

            var compiled = _compiler.Compile("""{"properties":{"a":{"$ref":""" + "\"" + url + "\"}}}");

            Assert.False(compiled.IsValid);
            Assert.Contains(compiled.Faults, f => f.Pointer == "/properties/a/$ref" && f.Message.Contains("nothing is fetched", StringComparison.Ordinal));
            Assert.False(await Task.WhenAny(accepted, Task.Delay(300)) == accepted, "the schema's reference was fetched");
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Compile_LocalDefinitionsAndAnchors_AndTheRootsOwnId_Resolve()
    {
        var compiled = _compiler.Compile("""
            {"$id":"https://example.com/retry","$defs":{"count":{"$anchor":"count","type":"integer"}},
             "properties":{"a":{"$ref":"#/$defs/count"},"b":{"$ref":"#count"},"c":{"$ref":"https://example.com/retry#/$defs/count"}}}
            """);

        Assert.True(compiled.IsValid, string.Join("; ", compiled.Faults));
        Assert.Equal(["/a", "/b", "/c"], compiled.Check("""{"a":"x","b":"y","c":"z"}""").Select(f => f.Pointer));
    }

    [Fact]
    public void Compile_TheSameText_IsEvaluatedOnce() =>
        Assert.Same(_compiler.Compile("""{"type":"integer"}"""), _compiler.Compile("""{"type":"integer"}"""));

    [Fact]
    public void Schemas_WithTheSameId_DoNotCollide()
    {
        var strings = _compiler.Compile("""{"$id":"https://example.com/s","type":"string"}""");
        var numbers = _compiler.Compile("""{"$id":"https://example.com/s","type":"integer"}""");

        Assert.Empty(strings.Check("\"a\""));
        Assert.Empty(numbers.Check("1"));
        Assert.NotEmpty(numbers.Check("\"a\""));
    }
}
