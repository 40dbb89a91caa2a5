using ConfigAdmin.Core.Transfer;

namespace ConfigAdmin.Tests.Unit.Transfer;

[Trait("Category", "Unit")]
public sealed class TransferFormatsTests
{
    [Theory]
    [InlineData("json", typeof(JsonFormat), "application/json", ".json")]
    [InlineData("flat", typeof(FlatJsonFormat), "application/json", ".flat.json")]
    [InlineData("env", typeof(EnvFormat), "text/plain", ".env")]
    [InlineData("yaml", typeof(YamlFormat), "application/yaml", ".yaml")]
    [InlineData("properties", typeof(PropertiesFormat), "text/x-java-properties", ".properties")]
    [InlineData("configadmin", typeof(ConfigAdminFormat), "application/json", ".configadmin.json")]
    [InlineData(" YAML ", typeof(YamlFormat), "application/yaml", ".yaml")]
    public void Get_KnownName_ReturnsThatFormat(string name, Type type, string mediaType, string extension)
    {
        var format = TransferFormats.Get(name);

        Assert.Equal((type, mediaType, extension), (format.GetType(), format.MediaType, format.FileExtension));
    }

    [Fact]
    public void Get_OnlyConfigAdminIsTheWholeApplicationFormat() =>
        Assert.Equal(["json", "flat", "env", "yaml", "properties"],
            TransferFormats.All.OfType<IEnvironmentFormat>().Select(f => f.Name));

    [Theory]
    [InlineData("xml")]
    [InlineData("")]
    [InlineData(null)]
    public void Get_UnknownName_ThrowsListingTheValidNames(string? name)
    {
        var e = Assert.Throws<UnknownFormatException>(() => TransferFormats.Get(name));

        Assert.Equal($"'{name}' is not a known format. Use one of: json, flat, env, yaml, properties, configadmin.", e.Message);
        Assert.Equal(["json", "flat", "env", "yaml", "properties", "configadmin"], e.ValidNames);
        Assert.Equal("unknown_format", e.Code);
    }

    [Fact]
    public void From_ResolvedValue_KeepsKeyTypeAndValue()
    {
        var value = TransferValue.From(new("A:B", Core.Configs.ConfigValueType.Integer, "5", "production", IsSecret: false));

        Assert.Equal(Tv.Int("A:B", "5"), value);
    }
}
