using System.Text.RegularExpressions;
using ConfigAdmin.Tests.Infrastructure;
using ConfigAdmin.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Security;

/// <summary>
/// The Development start with demo data tells its person how to sign in and gives programs an admin key, both printed
/// on every start until the password is changed or the key revoked (README, "Two commands").
/// </summary>
[Trait("Category", "Database")]
public sealed partial class DemoStartTests(DemoStartTests.Host host) : IClassFixture<DemoStartTests.Host>
{
    [Fact]
    public async Task TheDemoAdminKey_WorksAsAnAdmin_AndIsPrintedUntilRevoked()
    {
        var printed = await InstructionsAsync();
        Assert.Contains($"as {FirstRun.DemoAdminEmail} with password ", printed);
        var key = AdminKey().Match(printed).Groups[1].Value;

        var demo = host.ClientWith(key);
        var keys = await (await demo.GetAsync("/v1/api-keys")).JsonAsync();
        var created = keys.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("name").GetString() == FirstRun.DemoKeyName);
        Assert.Equal("admin", created.GetProperty("role").GetString());
        await (await demo.PostJsonAsync("/v1/applications", A.Application(A.Name("demo")))).EnsureSuccessStatusCodeAsync();

        (await host.Client.DeleteAsync($"/v1/api-keys/{created.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();

        var after = await InstructionsAsync();
        Assert.DoesNotContain("API key", after);
        Assert.Contains("with password ", after);
    }

    private async Task<string> InstructionsAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FirstRun>().InstructionsAsync(CancellationToken.None) ?? "";
    }

    [GeneratedRegex(@"\(the README's ADMIN\): (ca_\S+)")]
    private static partial Regex AdminKey();

    /// <summary>As <c>dotnet run</c> starts it: Development, with demo data (the default the test databases turn off).</summary>
    public sealed class Host() : ApiHost(Provider.Sqlite)
    {
        protected override void Configure(IWebHostBuilder builder) =>
            builder.UseEnvironment("Development").UseSetting("Database:SeedDemoData", "true");
    }
}
