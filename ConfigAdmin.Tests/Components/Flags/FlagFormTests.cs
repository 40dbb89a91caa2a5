using System.Text.Json;
using ConfigAdmin.Web.Components.Model;

namespace ConfigAdmin.Tests.Components.Flags;

/// <summary>The Flags editor's model: what it does not edit survives a round trip.</summary>
[Trait("Category", "Unit")]
public sealed class FlagFormTests
{
    [Fact]
    public void ARoundTrip_KeepsDescriptionTelemetryCustomFiltersAndRecurrence()
    {
        var stored = JsonDocument.Parse("""
            {"id":"Beta","description":"d","enabled":true,"telemetry":{"enabled":true},
             "conditions":{"requirement_type":"All","client_filters":[
               {"name":"Microsoft.TimeWindow","parameters":{"Start":"2028-01-01T00:00:00Z","End":"2028-01-01T08:00:00Z",
                 "Recurrence":{"Pattern":{"Type":"Daily"},"Range":{"Type":"NoEnd"}}}},
               {"name":"Company.Region","parameters":{"Regions":["eu"]}}]},
             "variants":[{"name":"A"}],"allocation":{"default_when_enabled":"A"}}
            """).RootElement;

        var form = FlagForm.From("Beta", stored);

        Assert.True(form.UseTimeWindow);
        Assert.Equal("All", form.RequirementType);
        Assert.Empty(form.Faults());
        var again = JsonDocument.Parse(form.ToJson()).RootElement;
        Assert.Equal("d", again.GetProperty("description").GetString());
        Assert.True(again.GetProperty("telemetry").GetProperty("enabled").GetBoolean());
        var filters = again.GetProperty("conditions").GetProperty("client_filters");
        Assert.Equal("Daily", filters[0].GetProperty("parameters").GetProperty("Recurrence").GetProperty("Pattern").GetProperty("Type").GetString());
        Assert.Equal("eu", filters[1].GetProperty("parameters").GetProperty("Regions")[0].GetString());
        Assert.Equal("A", again.GetProperty("allocation").GetProperty("default_when_enabled").GetString());
    }

    [Fact]
    public void Faults_PointAtBrokenVariantsText_BeforeTheSchemaRules()
    {
        var form = FlagForm.From("Beta", null);
        form.Variants = "[{\"name\":";

        Assert.Equal("/variants", Assert.Single(form.Faults()).Pointer);
    }
}
