using ConfigAdmin.Core.Schemas;

namespace ConfigAdmin.Tests.Unit.Schemas;

[Trait("Category", "Unit")]
public sealed class SchemaInferenceTests
{
    [Fact]
    public void Infer_TypesEveryPropertyAndItem_AndTheValueValidates()
    {
        const string value = """{"retry":{"count":3,"backoff":1.5},"hosts":["a","b"],"enabled":true,"mixed":[1,"x"],"none":null}""";

        var schema = SchemaInference.Infer(value)!;

        var compiler = new SchemaCompiler();
        Assert.True(compiler.Compile(schema).IsValid, string.Join("; ", compiler.Compile(schema).Faults));
        Assert.Empty(compiler.Check(schema, value));
        Assert.Equal([("/retry/count", "must be an integer (not a string).")], compiler.Check(schema,
            """{"retry":{"count":"three","backoff":1.5},"hosts":[],"enabled":false,"mixed":[],"none":null}"""));
        Assert.Contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"", schema);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{not json")]
    public void Infer_WithoutAJsonValue_GivesNothing(string? value) => Assert.Null(SchemaInference.Infer(value));
}
