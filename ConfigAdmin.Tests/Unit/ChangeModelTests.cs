using ConfigAdmin.Core.Audit;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Web.Components.Model;

namespace ConfigAdmin.Tests.Unit;

/// <summary>How the change-management pages read diffs, file names and filters, without rendering.</summary>
[Trait("Category", "Unit")]
public sealed class ChangeModelTests
{
    [Theory]
    [InlineData("defaultValue", "Default value")]
    [InlineData("overrides.production", "Value in production")]
    [InlineData("contactEmail", "Contact e-mail")]
    [InlineData("lastUsedAt", "Last used at")]
    public void FieldLabels_ReadAsWords(string field, string label) => Assert.Equal(label, FieldLabels.Of(field));

    [Fact]
    public void ValueText_IndentsLongJsonOnly()
    {
        Assert.Equal("""{"a":1}""", ValueText.Pretty("""{"a":1}"""));
        Assert.Equal("{ not json at all, but long enough to be considered }", ValueText.Pretty("{ not json at all, but long enough to be considered }"));
        Assert.Equal("{\n  \"count\": 3,\n  \"backoff\": [\n    1,\n    2\n  ],\n  \"note\": \"on failure\"\n}",
            ValueText.Pretty("""{"count":3,"backoff":[1,2],"note":"on failure"}""").Replace("\r\n", "\n"));
    }

    [Fact]
    public void ChangeRows_OfADryRunValue_IsOneRowNamedForItsEnvironmentOrTheDefault()
    {
        Assert.Equal([new AuditDiffRow("overrides.staging", "1", "2")], ChangeRows.Of(new DiffChange("K", "1", "2", "staging")));
        Assert.Equal([new AuditDiffRow("defaultValue", null, "2")], ChangeRows.Of(new DiffChange("K", null, "2")));
    }

    [Fact]
    public void ChangeRows_OfAWholeKeyState_KeepsOnlyWhatChanged_OverridesOneRowEach()
    {
        var from = new { valueType = ConfigValueType.Integer, defaultValue = "1", isSecret = false, overrides = new Dictionary<string, string?> { ["prod"] = "5" } };
        var to = new { valueType = ConfigValueType.Integer, defaultValue = "1", isSecret = false, overrides = new Dictionary<string, string?> { ["dev"] = "7" } };

        var rows = ChangeRows.Of(new DiffChange("K", from, to));

        Assert.Equal([new AuditDiffRow("overrides.prod", "5", null), new AuditDiffRow("overrides.dev", null, "7")], rows);
    }

    [Fact]
    public void ChangeRows_OfACommittedChange_UpdateShowsChangedFields_CreationShowsEverythingSet()
    {
        var first = Revision(1, "K", "1", new() { ["production"] = "9" });
        var second = Revision(2, "K", "2", new() { ["production"] = "9" });

        Assert.Equal([new AuditDiffRow("defaultValue", "1", "2")], ChangeRows.Of(new KeyChangeDto(Guid.Empty, first, second)));
        Assert.Equal(["key", "valueType", "defaultValue", "isSecret", "overrides.production"],
            ChangeRows.Of(new KeyChangeDto(Guid.Empty, null, first)).Select(r => r.Field));
        Assert.Equal("created", new KeyChangeDto(Guid.Empty, null, first).Kind);
        Assert.Equal("restored", new KeyChangeDto(Guid.Empty, first with { Deleted = true }, second).Kind);
    }

    [Theory]
    [InlineData("shop.production.env", "env")]
    [InlineData(".env", "env")]
    [InlineData("shop.flat.json", "flat")]
    [InlineData("appsettings.json", "json")]
    [InlineData("shop.configadmin.json", "configadmin")]
    [InlineData("values.YML", "yaml")]
    [InlineData("app.properties", "properties")]
    [InlineData("notes.txt", null)]
    public void FileFormats_FromFileName_LongestEndingWins(string name, string? format) => Assert.Equal(format, FileFormats.FromFileName(name));

    [Fact]
    public void AuditFilter_RoundTripsThroughTheQueryString_AndIncludesTheWholeLastDay()
    {
        var filter = AuditFilter.FromQueryString("shop", "Db:Password", "Staging", "alice", "UPDATED", "2026-01-02", "2026-01-05");

        var query = filter.ToQuery(1, 25);
        var again = filter.ToQueryString();

        Assert.Equal(new AuditFilter("shop", "Db:Password", "Staging", "alice", AuditAction.Updated, new(2026, 1, 2), new(2026, 1, 5)), filter);
        Assert.Equal(("shop", null, "staging"), (query.ApplicationSearch, query.Application, query.Environment));
        Assert.Equal(new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), query.To);
        Assert.Equal("updated", again["action"]);
        Assert.Equal("shop", filter.ToQuery(1, 25, exactApplication: "shop").Application);
        Assert.Equal(AuditFilter.None, AuditFilter.FromQueryString(" ", null, null, null, "7", "yesterday", null));
    }

    private static RevisionDto Revision(long id, string key, string? defaultValue, Dictionary<string, string> overrides) =>
        new(id, DateTime.UtcNow, false, key, ConfigValueType.Integer, defaultValue, null, false, overrides, id);
}
