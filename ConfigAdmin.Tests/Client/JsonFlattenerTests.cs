using System.Text.Json;
using ConfigAdmin.Client;

namespace ConfigAdmin.Tests.Client;

[Trait("Category", "Unit")]
public sealed class JsonFlattenerTests
{
    private static Dictionary<string, string?> Flatten(string json, List<string>? collisions = null)
    {
        using var document = JsonDocument.Parse(json);
        return JsonFlattener.Flatten(document.RootElement, collisions);
    }

    [Fact]
    public void Flatten_ScalarTypes_AsConfigurationStrings()
    {
        var data = Flatten("""{"S":"text","I":9007199254740993,"N":1.50,"E":1e3,"Neg":-0.25,"T":true,"F":false}""");

        Assert.Equal("text", data["S"]);
        Assert.Equal("9007199254740993", data["I"]);   // beyond double precision: kept exactly
        Assert.Equal("1.50", data["N"]);               // the JSON text, not a re-formatted double
        Assert.Equal("1e3", data["E"]);
        Assert.Equal("-0.25", data["Neg"]);
        Assert.Equal("true", data["T"]);
        Assert.Equal("false", data["F"]);
    }

    [Fact]
    public void Flatten_JsonValues_BecomeSectionsAndArraysIndexedChildren()
    {
        var data = Flatten("""{"Payments:Retry":{"count":3,"backoff":{"seconds":1.5}},"Hosts":["a","b"],"Matrix":[[1],[2,{"x":true}]]}""");

        Assert.Equal("3", data["Payments:Retry:count"]);
        Assert.Equal("1.5", data["Payments:Retry:backoff:seconds"]);
        Assert.Equal("a", data["Hosts:0"]);
        Assert.Equal("b", data["Hosts:1"]);
        Assert.Equal("1", data["Matrix:0:0"]);
        Assert.Equal("true", data["Matrix:1:1:x"]);
        Assert.False(data.ContainsKey("Payments:Retry"));
    }

    [Fact]
    public void Flatten_Nulls_AreSkipped_EmptyContainersNameTheirSection()
    {
        var data = Flatten("""{"Gone":null,"Obj":{"a":null,"b":1},"Empty":{},"None":[]}""");

        Assert.False(data.ContainsKey("Gone"));
        Assert.False(data.ContainsKey("Obj:a"));
        Assert.Equal("1", data["Obj:b"]);
        // As Microsoft.Extensions.Configuration.Json does: the key exists with no value.
        Assert.True(data.ContainsKey("Empty"));
        Assert.Null(data["Empty"]);
        Assert.True(data.ContainsKey("None"));
    }

    [Fact]
    public void Flatten_KeysIgnoreCase_AndACollisionIsReportedWithTheLaterWinning()
    {
        var collisions = new List<string>();
        var data = Flatten("""{"A":{"B":1},"a:b":"2"}""", collisions);

        Assert.Equal("2", data["A:B"]);
        Assert.Equal("2", data["a:B"]);
        Assert.Equal(["a:b"], collisions);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void Flatten_DocumentThatIsNotAnObject_Throws(string json) =>
        Assert.Throws<FormatException>(() => Flatten(json));
}
