using ConfigAdmin.Core.Access;
using ConfigAdmin.Web.Components.Model;
using ConfigAdmin.Web.Components.Shared;
using ConfigAdmin.Web.Security.Users;

namespace ConfigAdmin.Tests.Unit;

/// <summary>The pages' view models: what they send to the services and what they show.</summary>
[Trait("Category", "Unit")]
public sealed class PageModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2, "just now")]
    [InlineData(42, "42 s ago")]
    [InlineData(5 * 60 + 59, "5 min ago")]
    [InlineData(3 * 3600, "3 h ago")]
    [InlineData(2 * 86400 + 10, "2 d ago")]
    public void RelativeTime_SaysHowLongAgo(int secondsAgo, string expected) =>
        Assert.Equal(expected, RelativeTime.Ago(Now.UtcDateTime.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void RelativeTime_Utc_IsTheExactTimeForTheHover() =>
        Assert.Equal("2026-11-27 11:59:58 UTC", RelativeTime.Utc(Now.UtcDateTime.AddSeconds(-2)));

    [Fact]
    public void ApiKeyForm_ValidUntil_EndsAtTheEndOfThatDayUtc()
    {
        var form = new ApiKeyForm { Name = " deploy ", ValidUntil = "2027-01-31" };

        var input = form.ToInput();

        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), input.ExpiresAt);
        Assert.Equal("deploy", input.Name);
    }

    [Fact]
    public void ApiKeyForm_ChosenScopes_AreNames_AndEnvironmentsBindClientKeysOnly()
    {
        var form = new ApiKeyForm
        {
            Role = Role.Client, AllApplications = false, Applications = ["shop"], AllEnvironments = false, Environments = ["production"],
        };

        var input = form.ToInput();
        Assert.Equal(["shop"], input.Applications!);
        Assert.Equal(["production"], input.Environments!);
        Assert.Null(input.ExpiresAt);
        form.Role = Role.Viewer;
        Assert.Null(form.ToInput().Environments);
    }

    [Fact]
    public void ApiKeyForm_Defaults_AreAClientKeyOverNothingUntilChosen()
    {
        var form = new ApiKeyForm();
        var input = form.ToInput();

        Assert.Equal(Role.Client, input.Role);
        Assert.False(form.AllApplications);
        Assert.False(form.AllEnvironments);
        Assert.Empty(input.Applications!);
        Assert.Empty(input.Environments!);
    }

    [Fact]
    public void RoleGrantForm_RoundTripsAGrant_AndDescribesIt()
    {
        var grant = new RoleGrant(Role.Editor, ["billing", "shop"]);

        Assert.Equal(grant.Applications, RoleGrantForm.From(grant).ToGrant().Applications);
        Assert.Equal("editor · billing, shop", RoleGrantForm.Describe(grant));
        Assert.Equal("admin · all applications", RoleGrantForm.Describe(new RoleGrant(Role.Admin, [AccessScopes.All])));
        Assert.True(new RoleGrantForm { AllApplications = false }.Missing);
    }

    [Theory]
    [InlineData(Role.Viewer, false, false)]
    [InlineData(Role.Editor, true, false)]
    [InlineData(Role.Admin, true, true)]
    [InlineData(null, false, false)]
    public void PageAccess_OffersWritesByRole(Role? role, bool editConfigs, bool administer)
    {
        var access = new PageAccess(role, IsGlobalAdmin: false);

        Assert.Equal((editConfigs, administer), (access.CanEditConfigs, access.CanAdminister));
    }

    [Fact]
    public void ClientSetup_Snippet_NamesServerApplicationAndEnvironment()
    {
        var snippet = ClientSetup.Snippet("https://config.example.com/", "shop", "production");

        Assert.Contains("o.ServerUrl = new Uri(\"https://config.example.com\");", snippet);
        Assert.Contains("o.Application = \"shop\";", snippet);
        Assert.Contains("o.Environment = \"production\";", snippet);
    }
}
