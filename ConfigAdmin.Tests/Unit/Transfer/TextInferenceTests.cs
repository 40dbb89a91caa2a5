using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class TextInferenceTests
{
    [Theory]
    [InlineData("true", ConfigValueType.Boolean)]
    [InlineData("false", ConfigValueType.Boolean)]
    [InlineData("True", ConfigValueType.String)]
    [InlineData("yes", ConfigValueType.String)]
    [InlineData("42", ConfigValueType.Integer)]
    [InlineData("-7", ConfigValueType.Integer)]
    [InlineData("0", ConfigValueType.Integer)]
    [InlineData("9223372036854775807", ConfigValueType.Integer)]
    [InlineData("9223372036854775808", ConfigValueType.String)]
    [InlineData("01234", ConfigValueType.String)]
    [InlineData("+5", ConfigValueType.String)]
    [InlineData("-0", ConfigValueType.Number)]
    [InlineData(" 5", ConfigValueType.String)]
    [InlineData("1_000", ConfigValueType.String)]
    [InlineData("3.14", ConfigValueType.Number)]
    [InlineData("-0.5", ConfigValueType.Number)]
    [InlineData("1E+20", ConfigValueType.Number)]
    [InlineData("1.50", ConfigValueType.String)]
    [InlineData("1e5", ConfigValueType.String)]
    [InlineData(".5", ConfigValueType.String)]
    [InlineData("1,5", ConfigValueType.String)]
    [InlineData("NaN", ConfigValueType.String)]
    [InlineData("Infinity", ConfigValueType.String)]
    [InlineData("0x1F", ConfigValueType.String)]
    [InlineData("""{"a":1}""", ConfigValueType.String)]
    [InlineData("[1]", ConfigValueType.String)]
    [InlineData("", ConfigValueType.String)]
    public void Infer_AcceptsOnlyCanonicalSpellings_NeverJson(string text, ConfigValueType expected) =>
        Assert.Equal(expected, TextInference.Infer(text));
}
