using System.Text.Json;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Schemas;

namespace ConfigAdmin.Tests.Unit.Schemas;

/// <summary>The application's schema in the appsettings shape: nested as the binder reads keys, json keys' schemas in place.</summary>
[Trait("Category", "Unit")]
public sealed class ApplicationSchemaTests
{
    private static readonly SchemaKey[] Keys =
    [
        new("Payments:TimeoutSeconds", ConfigValueType.Integer, "Seconds before giving up.", null),
        new("Payments:Retry", ConfigValueType.Json, null, """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["count"],
             "properties":{"count":{"$ref":"#/$defs/count"},"policy":{"$ref":"#policy"},"again":{"$ref":"#/properties/count"}},
             "$defs":{"count":{"type":"integer","minimum":1},"policy":{"$anchor":"policy","enum":["linear","exponential"]}}}
            """),
        new("payments:Backoff", ConfigValueType.Number, null, null),
        new("Features:OneClick", ConfigValueType.Boolean, null, null),
        new("Features", ConfigValueType.String, null, null),
        new("Limits", ConfigValueType.Json, null, """{"type":"object","$defs":{"count":{"type":"string"}},"properties":{"n":{"$ref":"#/$defs/count"}}}"""),
        new("Plain", ConfigValueType.Json, null, null),
    ];

    [Fact]
    public void Build_NestsKeysAsTheBinderReadsThem_AndEveryReferenceStillResolves()
    {
        var text = ApplicationSchema.Build("checkout-api", Keys);
        var compiler = new SchemaCompiler();
        var schema = compiler.Compile(text);
        Assert.True(schema.IsValid, string.Join("; ", schema.Faults) + "\n" + text);

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var payments = root.GetProperty("properties").GetProperty("Payments");
        Assert.Equal(["Backoff", "Retry", "TimeoutSeconds"], payments.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Seconds before giving up.", payments.GetProperty("properties").GetProperty("TimeoutSeconds").GetProperty("description").GetString());
        Assert.Equal(["Limits__count", "Payments:Retry__count", "Payments:Retry__policy"], root.GetProperty("$defs").EnumerateObject().Select(p => p.Name));

        Assert.Empty(schema.Check("""
            {"Payments":{"TimeoutSeconds":10,"Backoff":1.5,"Retry":{"count":3,"policy":"linear","again":2}},"Features":{"OneClick":true},
             "Limits":{"n":"x"},"Plain":[1,2],"Logging":{"LogLevel":{"Default":"Warning"}}}
            """));
        Assert.Empty(schema.Check("""{"Features":"a value, not a section"}"""));
        Assert.Equal(
        [
            ("/Payments/Retry/count", "must be at least 1."),
            ("/Payments/Retry/policy", "must be one of [\"linear\",\"exponential\"]."),
            ("/Payments/Retry/again", "must be an integer (not a string)."),
            ("/Limits/n", "must be a string (not a number)."),
            ("/Payments/TimeoutSeconds", "must be an integer (not a string)."),
        ], schema.Check("""{"Payments":{"TimeoutSeconds":"10","Retry":{"count":0,"policy":"random","again":"x"}},"Limits":{"n":1}}""")
            .OrderBy(f => f.Pointer.Contains("Retry") ? 0 : f.Pointer.Contains("Limits") ? 1 : 2).ToList());
    }

    [Fact]
    public void Build_OfNoKeys_IsAnOpenObject()
    {
        var schema = new SchemaCompiler().Compile(ApplicationSchema.Build("empty", []));

        Assert.True(schema.IsValid);
        Assert.Empty(schema.Check("""{"Anything":1}"""));
    }
}
