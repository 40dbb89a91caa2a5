using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Core.Environments;

namespace ConfigAdmin.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ValidatorTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("Checkout.API_v2-beta", true)]
    [InlineData("9lives", true)]
    [InlineData("_hidden", false)]
    [InlineData(".dot", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void ApplicationName_FollowsTheGrammar(string name, bool valid)
    {
        var result = new ApplicationInputValidator().Validate(new ApplicationInput(name, null, "o", "a@b.co"));

        Assert.Equal(valid, result.IsValid);
    }

    [Theory]
    [InlineData("{\"a\": 1,\n  \"b\": }", "line 2, column 8")]
    [InlineData("[1, 2", "line 1, column 6")]
    [InlineData("{\"é\": x}", "line 1, column 7")]
    public void JsonValue_NotWellFormed_SaysTheLineAndColumnInCharacters(string json, string where)
    {
        Assert.Equal($"must be well-formed JSON. Error at {where}.", ConfigValues.Check(ConfigValueType.Json, json));
    }

    [Fact]
    public void ApplicationName_Of100CharsIsFine_101IsNot()
    {
        var validator = new ApplicationInputValidator();

        Assert.True(validator.Validate(new ApplicationInput(new string('a', 100), null, "o", "a@b.co")).IsValid);
        Assert.False(validator.Validate(new ApplicationInput(new string('a', 101), null, "o", "a@b.co")).IsValid);
    }

    [Theory]
    [InlineData("someone@example.com", true)]
    [InlineData("no-at-sign", false)]
    [InlineData("a@b", false)]
    [InlineData("a b@c.de", false)]
    public void ContactEmail_MustBeValid(string email, bool valid) =>
        Assert.Equal(valid, new ApplicationInputValidator().Validate(new ApplicationInput("app", null, "o", email)).IsValid);

    [Theory]
    [InlineData("Logging:LogLevel:Default", null)]
    [InlineData("a.b-c_d", null)]
    [InlineData("a..b", "empty segment")]
    [InlineData("a:", "empty segment")]
    [InlineData(":a", "empty segment")]
    [InlineData("a.", "empty segment")]
    [InlineData("a__b", "'__'")]
    [InlineData("a b", "may only contain")]
    [InlineData("ключ", "may only contain")]
    public void Key_FollowsTheGrammar(string key, string? error)
    {
        var message = ConfigRules.CheckKey(key);

        if (error is null) Assert.Null(message);
        else Assert.Contains(error, message);
    }

    [Fact]
    public void Key_Of256CharsIsFine_257IsNot()
    {
        Assert.Null(ConfigRules.CheckKey(new string('k', 256)));
        Assert.NotNull(ConfigRules.CheckKey(new string('k', 257)));
    }

    [Theory]
    [InlineData("production", true)]
    [InlineData("eu-west-1", true)]
    [InlineData("a", true)]
    [InlineData("Prod", false)]
    [InlineData("-x", false)]
    [InlineData("x-", false)]
    [InlineData("a_b", false)]
    public void EnvironmentName_FollowsTheGrammar(string name, bool valid) =>
        Assert.Equal(valid, EnvironmentInputValidator.CheckName(name) is null);

    [Fact]
    public void Values_WithLoneSurrogatesOrNul_AreRefused()
    {
        // Built here: attribute and theory data would turn lone surrogates into U+FFFD before the test sees them.
        foreach (var value in new[] { "\ud800", "a" + '\udc00' + "b", "nul\0" })
            Assert.NotNull(ConfigRules.CheckValue(ConfigValueType.String, value));
        Assert.Null(ConfigRules.CheckValue(ConfigValueType.String, "emoji 😀 is a valid pair"));
    }

    [Fact]
    public void TypeAndValue_AreCheckedTogether()
    {
        var validator = new ConfigCreateInputValidator();

        Assert.True(validator.Validate(new ConfigCreateInput("app", "Port", ConfigValueType.Integer, "8080", null)).IsValid);
        Assert.False(validator.Validate(new ConfigCreateInput("app", "Port", ConfigValueType.Integer, "eighty", null)).IsValid);
        Assert.False(validator.Validate(new ConfigCreateInput("app", "Port", null, "8080", null)).IsValid);
        Assert.True(validator.Validate(new ConfigCreateInput("app", "NoDefault", ConfigValueType.Json, null, null)).IsValid);
    }
}
