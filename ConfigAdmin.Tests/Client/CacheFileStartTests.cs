using System.Runtime.Versioning;
using System.Text.Json;
using ConfigAdmin.Client;
using ConfigAdmin.Core.Configs;
using ConfigAdmin.Tests.Client.Infrastructure;
using ConfigAdmin.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ConfigAdmin.Tests.Client;

/// <summary>The cache file: owner-only and atomic, ignored when corrupt or of another application or environment, and a current one confirmed by a 304.</summary>
[Trait("Category", "Database")]
public sealed class CacheFileStartTests : ClientTestBase
{
    [Fact]
    [UnsupportedOSPlatform("windows")] // Windows: the file inherits its folder's ACL, which the client leaves alone
    public async Task CacheFile_IsOwnerOnly_WrittenAtomically_AndRewrittenOnEachChange()
    {
        var (server, app, greeting) = await ServerWithAppAsync();
        var configuration = Build(await OptionsAsync(server, app, more: o =>
        {
            o.CacheFile = CacheFile;
            o.FallbackPollInterval = TimeSpan.FromMilliseconds(100);
        }));
        var provider = ProviderOf(configuration);

        AssertCacheHolds(provider.AppliedETag, app);
        await server.SetOverrideAsync(greeting, "production", "changed");
        Assert.True(await Eventually.TrueAsync(() => configuration["Shop:Greeting"] == "changed", TimeSpan.FromSeconds(5)));
        Assert.True(await Eventually.TrueAsync(() => File.ReadAllText(CacheFile).Contains("changed"), TimeSpan.FromSeconds(2)));
        AssertCacheHolds(provider.AppliedETag, app);
    }

    [UnsupportedOSPlatform("windows")]
    private void AssertCacheHolds(string? etag, string app)
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile));
        Assert.Equal([CacheFile], Directory.GetFiles(Path.GetDirectoryName(CacheFile)!));   // no temp file left
        var root = JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement;
        Assert.Equal(etag, root.GetProperty("etag").GetString());
        Assert.Equal(app, root.GetProperty("application").GetString());
        Assert.Equal("production", root.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task CorruptCacheFile_IsIgnoredWithAWarning_AndReplacedOnTheNextLoad()
    {
        var (server, app, _) = await ServerWithAppAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, "{\"format\":1,\"document\":{\"Shop:Gree");

        var configuration = Build(await OptionsAsync(server, app, more: o => o.CacheFile = CacheFile));

        Assert.Equal("hello", configuration["Shop:Greeting"]);
        Assert.Contains(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains($"cache file {CacheFile} is ignored"));
        Assert.Equal(app, JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement.GetProperty("application").GetString());
    }

    [Fact]
    public void CorruptCacheFile_AndNoServer_FailsSayingWhyTheCacheCouldNotStandIn()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CacheFile)!);
        File.WriteAllText(CacheFile, "not json at all");

        var error = Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(Nowhere(), "checkout-api", more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
        })));

        Assert.Contains($"The cache file {CacheFile} cannot be used: it is corrupt", error.Message);
        Assert.Contains(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("is ignored"));
    }

    [Fact]
    public async Task CacheFileOfAnotherApplication_IsNotUsed()
    {
        var (server, app, _) = await ServerWithAppAsync();
        var other = await server.CreateApplicationAsync();
        using (var first = (IDisposable)Build(await OptionsAsync(server, app, more: o => o.CacheFile = CacheFile))) { }
        await StopAsync(server);

        var error = Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(server.BaseAddress, other, more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
        })));

        Assert.Contains($"it belongs to application '{app}' (production)", error.Message);
    }

    [Fact]
    public async Task CacheFileOfAnotherEnvironment_IsNotUsed()
    {
        var (server, app, _) = await ServerWithAppAsync();
        using (var first = (IDisposable)Build(await OptionsAsync(server, app, "staging", o => o.CacheFile = CacheFile))) { }
        await StopAsync(server);

        Assert.Throws<ConfigAdminException>(() => Build(OptionsFor(server.BaseAddress, app, "production", more: o =>
        {
            o.CacheFile = CacheFile;
            o.StartupTimeout = TimeSpan.FromSeconds(1);
        })));
    }

    [Fact]
    public async Task CurrentCacheFileAtStart_ItsETagIsSent_AndA304StartsFromIt()
    {
        var (server, app, _) = await ServerWithAppAsync();
        var options = await OptionsAsync(server, app, more: o => o.CacheFile = CacheFile);
        using (var first = (IDisposable)Build(options)) { }
        var etag = JsonDocument.Parse(File.ReadAllText(CacheFile)).RootElement.GetProperty("etag").GetString();

        var configuration = Build(options);

        var firstRead = server.Requests.Of(ProviderOf(configuration).InstanceId)[0];
        Assert.Equal(etag, firstRead.IfNoneMatch);
        Assert.True(await Eventually.TrueAsync(() => firstRead.Completed, TimeSpan.FromSeconds(2)));
        Assert.Equal(304, firstRead.Status);
        Assert.Equal("hello", configuration["Shop:Greeting"]);
        Assert.Equal(etag, ProviderOf(configuration).AppliedETag);
        Assert.DoesNotContain(Logs.AtLeast(LogLevel.Warning), e => e.Message.Contains("cache file"));
    }
}
