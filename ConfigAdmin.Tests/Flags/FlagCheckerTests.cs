using System.Text.Json;
using ConfigAdmin.Core.Flags;

namespace ConfigAdmin.Tests.Flags;

/// <summary>The flag definition rules of design §13, with the pointer of each fault.</summary>
[Trait("Category", "Unit")]
public sealed class FlagCheckerTests
{
    public const string Full = """
        {
          "id": "Beta", "description": "New checkout", "display_name": "Beta checkout", "enabled": true,
          "conditions": {
            "requirement_type": "Any",
            "client_filters": [
              { "name": "Microsoft.Percentage", "parameters": { "Value": 50 } },
              { "name": "Microsoft.TimeWindow", "parameters": { "Start": "Mon, 01 May 2028 13:59:59 GMT", "End": "2028-06-01T00:00:00Z" } },
              { "name": "Microsoft.Targeting", "parameters": { "Audience": {
                  "Users": ["ann"], "Groups": [{ "Name": "beta", "RolloutPercentage": 20 }], "DefaultRolloutPercentage": 5,
                  "Exclusion": { "Users": ["bob"], "Groups": ["banned"] } } } },
              { "name": "Company.Custom", "parameters": { "anything": [1, 2] } }
            ]
          },
          "variants": [
            { "name": "Big", "configuration_value": { "size": 2 } },
            { "name": "Small", "configuration_value": "s", "status_override": "Disabled" }
          ],
          "allocation": {
            "default_when_enabled": "Small", "default_when_disabled": "Small",
            "user": [{ "variant": "Big", "users": ["ann"] }], "group": [{ "variant": "Big", "groups": ["beta"] }],
            "percentile": [{ "variant": "Big", "from": 0, "to": 50 }, { "variant": "Small", "from": 50, "to": 100 }], "seed": "s1"
          },
          "telemetry": { "enabled": true, "metadata": { "team": "checkout" } }
        }
        """;

    [Fact]
    public void Check_AFullFlagOfTheSchema_HasNoFault() => Assert.Empty(FlagChecker.Check("Beta", Full));

    [Theory]
    [InlineData("""{"id":"f","enabled":"yes"}""", "/enabled")]
    [InlineData("""{"id":"f"}""", "/enabled")]
    [InlineData("""{"id":"other","enabled":true}""", "/id")]
    [InlineData("""{"id":"f","enabled":true,"enable":true}""", "/enable")]
    [InlineData("""{"id":"f","enabled":true,"conditions":{"requirement_type":"Some"}}""", "/conditions/requirement_type")]
    [InlineData("""{"id":"f","enabled":true,"conditions":{"client_filters":[{"name":"Percentage","parameters":{"Value":101}}]}}""",
        "/conditions/client_filters/0/parameters/Value")]
    [InlineData("""{"id":"f","enabled":true,"conditions":{"client_filters":[{"name":"Microsoft.Percentage","parameters":{"Vaule":5}}]}}""",
        "/conditions/client_filters/0/parameters/Vaule")]
    [InlineData("""{"id":"f","enabled":true,"conditions":{"client_filters":[{"name":"TimeWindow","parameters":{"Start":"2028-06-01T00:00:00Z","End":"2028-05-01T00:00:00Z"}}]}}""",
        "/conditions/client_filters/0/parameters/End")]
    [InlineData("""{"id":"f","enabled":true,"conditions":{"client_filters":[{"name":"TimeWindow","parameters":{"Start":"tomorrow"}}]}}""",
        "/conditions/client_filters/0/parameters/Start")]
    [InlineData("""{"id":"f","enabled":true,"conditions":{"client_filters":[{"name":"Targeting","parameters":{"Audience":{"DefaultRolloutPercentage":-1}}}]}}""",
        "/conditions/client_filters/0/parameters/Audience/DefaultRolloutPercentage")]
    [InlineData("""{"id":"f","enabled":true,"conditions":{"client_filters":[{"name":"Targeting","parameters":{"Audience":{"Groups":[{"Name":"g","RolloutPercentage":150}],"DefaultRolloutPercentage":0}}}]}}""",
        "/conditions/client_filters/0/parameters/Audience/Groups/0/RolloutPercentage")]
    [InlineData("""{"id":"f","enabled":true,"variants":[{"name":"a"},{"name":"a"}]}""", "/variants/1/name")]
    [InlineData("""{"id":"f","enabled":true,"variants":[{"name":"a"}],"allocation":{"default_when_enabled":"b"}}""", "/allocation/default_when_enabled")]
    [InlineData("""{"id":"f","enabled":true,"variants":[{"name":"a"}],"allocation":{"percentile":[{"variant":"a","from":0,"to":60},{"variant":"a","from":50,"to":100}]}}""",
        "/allocation/percentile/1")]
    [InlineData("""{"id":"f","enabled":true,"variants":[{"name":"a"}],"allocation":{"percentile":[{"variant":"a","from":0,"to":120}]}}""",
        "/allocation/percentile/0/to")]
    [InlineData("""{"id":"f","enabled":true,"telemetry":{"metadata":{"n":1}}}""", "/telemetry/metadata/n")]
    [InlineData("""[1]""", "")]
    public void Check_AFault_IsPointedAt(string json, string pointer)
    {
        var faults = FlagChecker.Check("f", json);

        Assert.Contains(faults, f => f.Pointer == pointer);
    }

    [Fact]
    public void Check_ReportsEveryFault()
    {
        var faults = FlagChecker.Check("f", """{"id":"f","enabled":1,"conditions":{"requirement_type":"x","client_filters":[{"name":"Percentage","parameters":{"Value":-5}}]}}""");

        Assert.Equal(["/enabled", "/conditions/requirement_type", "/conditions/client_filters/0/parameters/Value"], faults.Select(f => f.Pointer));
    }

    [Fact]
    public void Normalize_RespellsNamesAndAliasesAsTheLibraryDoes_AndSetsTheId()
    {
        var input = JsonDocument.Parse("""
            {"ENABLED":true,"Conditions":{"Requirement_Type":"all","Client_Filters":[
              {"Name":"percentage","Parameters":{"value":30}},
              {"name":"targeting","parameters":{"audience":{"users":["a"],"groups":[{"name":"g","rolloutPercentage":5}],"defaultRolloutPercentage":1,"exclusion":{"users":["b"]}}}},
              {"name":"Custom","parameters":{"keep":"as given"}}]}}
            """).RootElement;

        var stored = FlagNormalizer.Normalize("beta", input);

        Assert.Equal("""{"id":"beta","enabled":true,"conditions":{"requirement_type":"All","client_filters":[""" +
                     """{"name":"Microsoft.Percentage","parameters":{"Value":30}},""" +
                     """{"name":"Microsoft.Targeting","parameters":{"Audience":{"Users":["a"],"Groups":[{"Name":"g","RolloutPercentage":5}],"DefaultRolloutPercentage":1,"Exclusion":{"Users":["b"]}}}},""" +
                     """{"name":"Custom","parameters":{"keep":"as given"}}]}}""", stored);
        Assert.Empty(FlagChecker.Check("beta", stored));
    }

    [Theory]
    [InlineData("feature_management", true)]
    [InlineData("Feature_Management:x", true)]
    [InlineData("FEATUREMANAGEMENT", true)]
    [InlineData("FeatureManagement:Beta:EnabledFor", true)]
    [InlineData("feature_managements", false)]
    [InlineData("Features:Beta", false)]
    public void IsReserved_CoversBothSectionsAndEverythingUnder(string key, bool reserved) => Assert.Equal(reserved, FeatureFlags.IsReserved(key));
}
