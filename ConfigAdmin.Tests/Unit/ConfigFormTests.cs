using ConfigAdmin.Core.Configs;
using ConfigAdmin.Web.Components.Model;

namespace ConfigAdmin.Tests.Unit;

[Trait("Category", "Unit")]
public sealed class ConfigFormTests
{
    private static ConfigDto Key(ConfigValueType type = ConfigValueType.String, string? value = "v", bool secret = false) =>
        new(Guid.NewGuid(), "shop", "Key", type, secret && value is not null ? SecretMask.Text : value, "about it", secret,
            new Dictionary<string, string>(), DateTime.UtcNow, DateTime.UtcNow, 3);

    [Fact]
    public void From_Nothing_StartsAStringKeyWithAnEmptyDefault()
    {
        var form = ConfigForm.From(null);

        Assert.Equal((ConfigValueType.String, true, false, false), (form.ValueType, form.HasDefault, form.IsSecret, form.KeepSecretDefault));
        Assert.Equal("", form.EffectiveDefault());
    }

    [Fact]
    public void From_PlainKey_CopiesItsFields()
    {
        var form = ConfigForm.From(Key(ConfigValueType.Integer, "42"));

        Assert.Equal(("Key", ConfigValueType.Integer, "42", "about it"), (form.Key, form.ValueType, form.DefaultValue, form.Description));
        Assert.False(form.KeepSecretDefault);
    }

    [Fact]
    public void From_SecretWithDefault_KeepsItWithoutHoldingTheMaskAsAValue()
    {
        var form = ConfigForm.From(Key(value: "x", secret: true));

        Assert.True(form.KeepSecretDefault);
        Assert.True(form.HasDefault);
        Assert.Null(form.DefaultValue);
    }

    [Fact]
    public void From_SecretWithoutDefault_HasNothingToKeep()
    {
        var form = ConfigForm.From(Key(value: null, secret: true));

        Assert.False(form.KeepSecretDefault);
        Assert.False(form.HasDefault);
        Assert.Null(form.EffectiveDefault());
    }

    [Theory]
    [InlineData(ConfigValueType.String)]
    [InlineData(ConfigValueType.Integer)]
    [InlineData(ConfigValueType.Number)]
    [InlineData(ConfigValueType.Boolean)]
    [InlineData(ConfigValueType.Json)]
    public void ToUpdateInput_KeptSecretOfAnyType_SendsTheMaskSoNothingIsRevealed(ConfigValueType type)
    {
        var form = ConfigForm.From(Key(type, "x", secret: true));
        form.IsSecret = false;

        var input = form.ToUpdateInput();

        Assert.Equal(SecretMask.Text, input.DefaultValue);
        Assert.False(input.IsSecret);
    }

    [Fact]
    public void ToUpdateInput_SecretReplaced_SendsTheNewValue()
    {
        var form = ConfigForm.From(Key(ConfigValueType.Integer, "7", secret: true));
        form.KeepSecretDefault = false;
        form.DefaultValue = "8";

        Assert.Equal("8", form.ToUpdateInput().DefaultValue);
    }

    [Fact]
    public void EffectiveDefault_NoDefault_IsNullWhateverWasTyped()
    {
        var form = ConfigForm.From(Key(value: "v"));
        form.HasDefault = false;

        Assert.Null(form.EffectiveDefault());
    }

    [Theory]
    [InlineData(ConfigValueType.Boolean, "false")]
    [InlineData(ConfigValueType.String, "")]
    [InlineData(ConfigValueType.Integer, null)]
    [InlineData(ConfigValueType.Json, null)]
    public void EffectiveDefault_EditorLeftEmpty_IsWhatTheEditorShows(ConfigValueType type, string? expected)
    {
        var form = new ConfigForm { DefaultValue = null };
        form.ChangeType(type);

        Assert.Equal(expected, form.EffectiveDefault());
    }

    [Theory]
    [InlineData(ConfigValueType.Boolean, "yes", "false")]
    [InlineData(ConfigValueType.Boolean, "true", "true")]
    [InlineData(ConfigValueType.Integer, "abc", "0")]
    [InlineData(ConfigValueType.Integer, "-5", "-5")]
    [InlineData(ConfigValueType.Number, "1e400", "0")]
    [InlineData(ConfigValueType.Number, "2.5", "2.5")]
    [InlineData(ConfigValueType.Json, "not json", "not json")]
    public void ChangeType_DefaultTheNewEditorCannotShow_BecomesItsNeutralValue(ConfigValueType type, string before, string after)
    {
        var form = new ConfigForm { DefaultValue = before };

        form.ChangeType(type);

        Assert.Equal((type, after), (form.ValueType, form.DefaultValue));
    }

    [Fact]
    public void ToCreateInput_KeyWithSpaces_IsTrimmedAndNamesTheApplication()
    {
        var form = new ConfigForm { Key = "  Db:Host ", DefaultValue = "localhost", Description = "where", IsSecret = true };

        Assert.Equal(new ConfigCreateInput("shop", "Db:Host", ConfigValueType.String, "localhost", "where", true),
            form.ToCreateInput("shop"));
    }
}
