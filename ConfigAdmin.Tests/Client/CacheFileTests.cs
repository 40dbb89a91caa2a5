using System.Runtime.Versioning;
using System.Text;
using ConfigAdmin.Client;

namespace ConfigAdmin.Tests.Client;

[Trait("Category", "Unit")]
public sealed class CacheFileTests : IDisposable
{
    private static readonly Uri Server = new("http://config.example.com/");
    private readonly string _folder = Directory.CreateTempSubdirectory("configadmin-cache-").FullName;

    private string FilePath => Path.Combine(_folder, "sub", "cache.json");

    private CacheFile Cache(string application = "checkout-api", string environment = "production", Uri? server = null) =>
        new(FilePath, server ?? Server, application, environment, TimeProvider.System);

    [Fact]
    public void WriteThenRead_GivesTheDocumentAndETagBack()
    {
        Cache().Write("""{"A":1,"B":{"c":true}}"""u8, "\"v1\"");

        var cached = Cache().TryRead(out var unusable);

        Assert.Null(unusable);
        Assert.NotNull(cached);
        Assert.Equal("\"v1\"", cached.ETag);
        Assert.Equal("1", cached.Data["A"]);
        Assert.Equal("true", cached.Data["b:C"]);
        Assert.True(cached.SavedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // Windows: the file inherits its folder's ACL, which the client leaves alone
    public void Write_IsOwnerOnly_AndLeavesNoTemporaryFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, "old");
        File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Cache().Write("""{"A":1}"""u8, "\"v1\"");
        Cache().Write("""{"A":2}"""u8, "\"v2\"");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FilePath));
        Assert.Equal([FilePath], Directory.GetFiles(Path.GetDirectoryName(FilePath)!));
        Assert.Equal("2", Cache().TryRead(out _)!.Data["A"]);
    }

    [Fact]
    public void TryRead_NoFile_IsNullWithoutAReason()
    {
        Assert.Null(Cache().TryRead(out var unusable));
        Assert.Null(unusable);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("""{"format":99}""")]
    [InlineData("""{"format":1,"serverUrl":"http://config.example.com","application":"checkout-api","environment":"production","document":[1]}""")]
    public void TryRead_CorruptFile_IsUnusableWithAReason(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.WriteAllText(FilePath, content, Encoding.UTF8);

        Assert.Null(Cache().TryRead(out var unusable));
        Assert.NotNull(unusable);
    }

    [Fact]
    public void TryRead_FileOfAnotherServerApplicationOrEnvironment_IsUnusable()
    {
        Cache().Write("""{"A":1}"""u8, "\"v1\"");

        Assert.Null(Cache(application: "other-app").TryRead(out var otherApp));
        Assert.Null(Cache(environment: "staging").TryRead(out var otherEnv));
        Assert.Null(Cache(server: new Uri("http://elsewhere.example.com")).TryRead(out var otherServer));
        Assert.Contains("belongs to application 'checkout-api' (production)", otherApp);
        Assert.NotNull(otherEnv);
        Assert.NotNull(otherServer);
        // Application names match ignoring case, as on the server.
        Assert.NotNull(Cache(application: "Checkout-API").TryRead(out _));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
