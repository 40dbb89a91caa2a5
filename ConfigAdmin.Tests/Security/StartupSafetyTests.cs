using ConfigAdmin.Data;
using ConfigAdmin.Data.Secrets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConfigAdmin.Tests.Security;

/// <summary>What a start refuses or creates: a bootstrap key that could never work, and files only their owner may read.</summary>
[Trait("Category", "Database")]
public sealed class StartupSafetyTests
{
    [Fact]
    public void BootstrapKey_LongerThanAnyBearerLookedUp_StopsTheStartWithAClearMessage()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Security:BootstrapApiKey", new string('k', 129));
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Security:BootstrapApiKey must be at most 128 characters", error.Message);
    }

    // File modes are Unix's; the suite runs on Linux (test.sh).
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void DataFolderAndMasterKey_AreCreatedReadableByTheOwnerOnly()
    {
        var root = Directory.CreateTempSubdirectory("configadmin-owner-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
            using var services = new ServiceCollection().AddLogging().AddConfigAdminData(configuration, root).BuildServiceProvider();

            var key = MasterKey.Load(configured: null, root);

            Assert.Equal(DataFolder.OwnerOnly, File.GetUnixFileMode(Path.Combine(root, "data")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key.Source));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
