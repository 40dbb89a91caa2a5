using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Admin;
using ConfigAdmin.Web.Security.Users;
using MudBlazor;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Unit")]
public sealed class UsersPageTests : ComponentTestBase
{
    [Fact]
    public async Task Render_ListsEachUserWithRolesTheirApplicationsAndStatus()
    {
        await Data.AppAsync("billing");
        await Data.AppAsync("catalog");
        await Data.UserAsync("root@example.com", Role.Admin);
        var gone = await Data.UserAsync("gone@example.com", Role.Editor, "billing", "catalog");
        await Service<UserAdminService>().SetDisabledAsync(gone.Id, true);

        var host = RenderHosted<UsersPage>();

        var rows = host.WaitForElements("tbody tr", 2);
        Assert.Equal(2, rows.Count);
        Assert.Contains("gone@example.com", rows[0].TextContent);
        Assert.Contains("editor · billing, catalog", rows[0].TextContent);
        Assert.Contains("disabled", rows[0].TextContent);
        Assert.Contains("admin · all applications", rows[1].TextContent);
        Assert.Contains("active", rows[1].TextContent);
        Assert.NotNull(host.Find("button[aria-label='Enable gone@example.com']"));
    }

    [Fact]
    public async Task AddUser_ThroughTheDialog_CreatesTheUserWithTheRole()
    {
        var host = RenderHosted<UsersPage>();
        host.WaitForElement("button[aria-label='Add user']").Click();

        host.WaitForElement("input[aria-label='E-mail']").Input("new@example.com");
        host.Find("input[aria-label='First password']").Input(TestData.Password);
        host.Find("button[aria-label='Create user']").Click();

        host.WaitForAssertion(() => Assert.Contains("viewer · all applications", host.Find("tbody").TextContent));
        var user = Assert.Single(await Service<UserAdminService>().ListAsync());
        Assert.Equal(("new@example.com", Role.Viewer), (user.Email, Assert.Single(user.Roles).Role));
    }

    [Fact]
    public async Task SetPassword_SubmittedFromItsOneField_SetsTheNewPassword()
    {
        // The browser submits a one-field form on Enter; the dialog's form saves as its button does.
        await Data.UserAsync("forgot@example.com", Role.Editor);
        var host = RenderHosted<UsersPage>();
        host.WaitForElement("button[aria-label='Set password of forgot@example.com']").Click();

        host.WaitForElement("input[aria-label='New password']").Input("a-brand-new-password");
        host.Find("form.ca-dialog-form").Submit();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("input[aria-label='New password']")));
        Assert.True(await PasswordWorksAsync("forgot@example.com", "a-brand-new-password"));
        Assert.False(await PasswordWorksAsync("forgot@example.com", TestData.Password));
    }

    [Fact]
    public async Task SetPassword_TooShort_SaysSoAtTheFieldAndKeepsTheOldOne()
    {
        await Data.UserAsync("forgot@example.com", Role.Editor);
        var host = RenderHosted<UsersPage>();
        host.WaitForElement("button[aria-label='Set password of forgot@example.com']").Click();

        host.WaitForElement("input[aria-label='New password']").Input("short");
        host.Find("button[aria-label='Set password']").Click();

        host.WaitForAssertion(() => Assert.Contains("Passwords must be at least 12 characters.", host.Markup));
        Assert.True(await PasswordWorksAsync("forgot@example.com", TestData.Password));
    }

    [Fact]
    public void AddUser_ShortPassword_IsShownAtThePasswordField()
    {
        var host = RenderHosted<UsersPage>();
        host.WaitForElement("button[aria-label='Add user']").Click();

        host.WaitForElement("input[aria-label='E-mail']").Input("short@example.com");
        host.Find("input[aria-label='First password']").Input("short");
        host.Find("button[aria-label='Create user']").Click();

        host.WaitForAssertion(() => Assert.Contains("Passwords must be at least 12 characters.", host.Markup));
    }

    [Fact]
    public async Task DisableTheLastAdmin_IsRefusedWithAClearMessage()
    {
        var root = await Data.UserAsync("root@example.com", Role.Admin);
        var host = RenderHosted<UsersPage>();

        host.WaitForElement("button[aria-label='Disable root@example.com']").Click();
        host.WaitForElement("button[aria-label='Disable']").Click();

        host.WaitForAssertion(() => Assert.Contains("would leave no enabled admin of every application",
            host.Find("[role='alert']").TextContent));
        Assert.False((await Service<UserAdminService>().ListAsync()).Single(u => u.Id == root.Id).Disabled);
    }

    [Fact]
    public async Task Disable_AfterConfirming_DisablesTheUser()
    {
        await Data.UserAsync("root@example.com", Role.Admin);
        var viewer = await Data.UserAsync("viewer@example.com");
        var host = RenderHosted<UsersPage>();

        host.WaitForElement("button[aria-label='Disable viewer@example.com']").Click();
        host.WaitForElement("button[aria-label='Disable']").Click();

        host.WaitForAssertion(() => Assert.NotNull(host.Find("button[aria-label='Enable viewer@example.com']")));
        Assert.True((await Service<UserAdminService>().ListAsync()).Single(u => u.Id == viewer.Id).Disabled);
    }

    [Fact]
    public async Task EditRoles_TakingTheLastAdminsRole_IsRefusedInTheDialog()
    {
        await Data.UserAsync("root@example.com", Role.Admin);
        var host = RenderHosted<UsersPage>();
        host.WaitForElement("button[aria-label='Edit roles of root@example.com']").Click();
        var role = host.WaitForComponent<MudSelect<Role>>();

        await host.InvokeAsync(() => role.Instance.SelectOption(Role.Viewer));
        host.Find("button[aria-label='Save roles']").Click();

        host.WaitForAssertion(() => Assert.Contains("would leave no enabled admin of every application", host.Find("[role='alert']").TextContent));
        Assert.Equal(Role.Admin, Assert.Single(Assert.Single(await Service<UserAdminService>().ListAsync()).Roles).Role);
    }

    [Fact]
    public async Task EditRoles_ToEditor_IsSavedAndListed()
    {
        await Data.UserAsync("root@example.com", Role.Admin);
        await Data.UserAsync("dev@example.com");
        var host = RenderHosted<UsersPage>();
        host.WaitForElement("button[aria-label='Edit roles of dev@example.com']").Click();
        var role = host.WaitForComponent<MudSelect<Role>>();

        await host.InvokeAsync(() => role.Instance.SelectOption(Role.Editor));
        host.Find("button[aria-label='Save roles']").Click();

        host.WaitForAssertion(() => Assert.Contains("editor · all applications", host.Find("tbody").TextContent));
    }
}
