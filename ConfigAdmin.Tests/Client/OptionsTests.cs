using ConfigAdmin.Client;
using Microsoft.Extensions.Configuration;

namespace ConfigAdmin.Tests.Client;

[Trait("Category", "Unit")]
public sealed class OptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new ConfigAdminClientOptions();

        Assert.Equal(TimeSpan.FromSeconds(10), options.StartupTimeout);
        Assert.Equal(TimeSpan.FromSeconds(55), options.LongPollWait);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FallbackPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRetryDelay);
        Assert.False(options.Optional);
        Assert.Null(options.CacheFile);
    }

    [Fact]
    public void Read_TakesEverySettingOfTheSection()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConfigAdmin:ServerUrl"] = "https://config.example.com/base/",
            ["ConfigAdmin:Application"] = "checkout-api",
            ["ConfigAdmin:Environment"] = "staging",
            ["ConfigAdmin:ApiKey"] = "ca_secret",
            ["ConfigAdmin:CacheFile"] = "cache.json",
            ["ConfigAdmin:InstanceId"] = "checkout-7f9c",
            ["ConfigAdmin:Optional"] = "true",
            ["ConfigAdmin:AllowInsecureHttp"] = "true",
            ["ConfigAdmin:StartupTimeout"] = "00:00:03",
            ["ConfigAdmin:LongPollWait"] = "00:00:20",
            ["ConfigAdmin:FallbackPollInterval"] = "00:01:00",
            ["ConfigAdmin:MaxRetryDelay"] = "00:00:05",
        }).Build().GetSection("ConfigAdmin");
        var options = new ConfigAdminClientOptions();

        OptionsReader.Read(section, options);

        Assert.Equal(new Uri("https://config.example.com/base/"), options.ServerUrl);
        Assert.Equal("checkout-api", options.Application);
        Assert.Equal("staging", options.Environment);
        Assert.Equal("ca_secret", options.ApiKey);
        Assert.Equal("cache.json", options.CacheFile);
        Assert.Equal("checkout-7f9c", options.InstanceId);
        Assert.True(options.Optional);
        Assert.True(options.AllowInsecureHttp);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StartupTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), options.LongPollWait);
        Assert.Equal(TimeSpan.FromMinutes(1), options.FallbackPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxRetryDelay);
        Assert.Null(OptionsReader.Validate(options));
    }

    [Theory]
    [InlineData("ServerUrl", "not a url", "ConfigAdmin:ServerUrl")]
    [InlineData("Optional", "yes", "ConfigAdmin:Optional")]
    [InlineData("StartupTimeout", "ten seconds", "ConfigAdmin:StartupTimeout")]
    public void Read_BadValue_NamesTheSetting(string name, string value, string expected)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"ConfigAdmin:{name}"] = value })
            .Build().GetSection("ConfigAdmin");

        var error = Assert.Throws<InvalidOperationException>(() => OptionsReader.Read(section, new ConfigAdminClientOptions()));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AddConfigAdmin_MissingRequiredOptions_FailsWithEveryProblemAtOnce()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new ConfigurationBuilder().AddConfigAdmin(o => o.LongPollWait = TimeSpan.FromMinutes(5)).Build());

        Assert.Contains("ServerUrl is required", error.Message);
        Assert.Contains("Application is required", error.Message);
        Assert.Contains("Environment is required", error.Message);
        Assert.Contains("LongPollWait", error.Message);
    }

    [Fact]
    public void AddConfigAdmin_NonHttpServerUrl_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConfigurationBuilder().AddConfigAdmin(o =>
        {
            o.ServerUrl = new Uri("ftp://config.example.com");
            o.Application = "a";
            o.Environment = "production";
        }).Build());

        Assert.Contains("http or https", error.Message);
    }

    [Theory]
    [InlineData("pod;host=forged")]
    [InlineData("two words")]
    [InlineData("")]
    public void AddConfigAdmin_AnInstanceIdTheHeaderCannotCarry_IsRefused(string instanceId)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConfigurationBuilder().AddConfigAdmin(o =>
        {
            o.ServerUrl = new Uri("https://config.example.com");
            o.Application = "a";
            o.Environment = "production";
            o.InstanceId = instanceId;
        }).Build());

        Assert.Contains("InstanceId", error.Message);
    }

    [Theory]
    [InlineData("http://config.example.com", false, true)]
    [InlineData("http://config.example.com", true, false)]
    [InlineData("http://localhost:5080", false, false)]
    [InlineData("http://127.0.0.1:5080", false, false)]
    [InlineData("https://config.example.com", false, false)]
    public void AddConfigAdmin_PlainHttpToAnotherMachine_IsRefusedUnlessAllowed(string url, bool allow, bool refused)
    {
        var options = new ConfigAdminClientOptions
        {
            ServerUrl = new Uri(url), Application = "a", Environment = "production", AllowInsecureHttp = allow,
        };

        var error = OptionsReader.Validate(options);

        Assert.Equal(refused, error?.Contains("plain http to another machine") == true);
        if (!refused) Assert.Null(error);
    }

    [Fact]
    public void Url_KeepsThePathBaseAndEscapesNames()
    {
        Assert.Equal("https://config.example.com/base/v1/applications/my%20app/config?environment=production",
            ConfigDocumentClient.Url(new Uri("https://config.example.com/base/"), "my app", "production").AbsoluteUri);
        Assert.Equal("http://localhost:5080/v1/applications/checkout-api/config?environment=staging",
            ConfigDocumentClient.Url(new Uri("http://localhost:5080"), "checkout-api", "staging").AbsoluteUri);
    }
}
