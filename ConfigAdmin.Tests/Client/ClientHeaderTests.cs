using System.Reflection;
using ConfigAdmin.Client;

namespace ConfigAdmin.Tests.Client;

[Trait("Category", "Unit")]
public sealed class ClientHeaderTests
{
    [Fact]
    public void Format_InstanceHostAndVersion()
    {
        Assert.Equal("5b0c8f9e-0000-4000-8000-000000000001; host=web-01; version=1.2.3+abc",
            ClientHeader.Format("5b0c8f9e-0000-4000-8000-000000000001", "web-01", "1.2.3+abc"));
    }

    [Theory]
    [InlineData("web 01", "web-01")]
    [InlineData("evil; version=0", "evil--version-0")]
    [InlineData("a,b\"c\\d", "a-b-c-d")]
    [InlineData("hôte", "h-te")]
    [InlineData("  ", "unknown")]
    public void Token_ReplacesWhatWouldBreakOrForgeTheHeader(string raw, string expected) =>
        Assert.Equal(expected, ClientHeader.Token(raw));

    [Fact]
    public void LibraryVersion_IsTheAssemblysInformationalVersion()
    {
        var expected = typeof(ConfigAdminClientOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(expected, ClientHeader.LibraryVersion);
        Assert.StartsWith("1.0.0", ClientHeader.LibraryVersion);
    }
}
