using System.Text.Json;
using ConfigAdmin.Web.Components.Model;

namespace ConfigAdmin.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class AuditDiffRowTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Of_Update_PairsFieldsInFirstSeenOrderAndMarksOnlyChangedOnes()
    {
        var rows = AuditDiffRow.Of(Json("""{"name":"a","owner":"x"}"""), Json("""{"owner":"y","name":"a","email":"e"}"""));

        Assert.Equal(
            [new("name", "a", "a"), new("owner", "x", "y"), new AuditDiffRow("email", null, "e")],
            rows);
        Assert.Equal([false, true, true], rows.Select(r => r.Changed));
    }

    [Fact]
    public void Of_Create_HasOnlyAfterValues()
    {
        var rows = AuditDiffRow.Of(null, Json("""{"key":"A","defaultValue":"1"}"""));

        Assert.All(rows, r => Assert.Null(r.Before));
        Assert.Equal(["A", "1"], rows.Select(r => r.After));
    }

    [Fact]
    public void Of_NonStringValues_ShowTheirJsonAndNullAsNull()
    {
        var rows = AuditDiffRow.Of(Json("""{"n":1,"o":{"a":[1,2]},"z":null}"""), Json("""{"n":2,"o":{"a":[1,2]},"z":true}"""));

        Assert.Equal([new("n", "1", "2"), new("o", """{"a":[1,2]}""", """{"a":[1,2]}"""), new AuditDiffRow("z", null, "true")], rows);
    }

    [Fact]
    public void Of_NonObjectSnapshots_BecomeOneValueRow()
    {
        var row = Assert.Single(AuditDiffRow.Of(Json("\"***\""), Json("42")));

        Assert.Equal(new AuditDiffRow("value", "***", "42"), row);
        Assert.True(row.Changed);
    }

    [Fact]
    public void Of_NothingOnEitherSide_HasNoRows()
    {
        Assert.Empty(AuditDiffRow.Of(null, null));
    }
}
