using Bunit;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ConfigAdmin.Tests.Components.Pages;

[Trait("Category", "Components")]
public sealed class ApplicationPageTests : ComponentTestBase
{
    [Fact]
    public async Task Delete_ClickedTwiceAndWhileDeleting_AsksOnceShowsProgressAndLeavesForTheList()
    {
        await Data.AppAsync();
        var host = RenderHosted<ApplicationPage>(p => p.Add(a => a.Name, "shop"));
        var delete = host.WaitForElement("button[aria-label='Delete application']");

        delete.Click();
        delete.Click();
        Assert.Single(host.FindAll("button[aria-label='Delete']"));
        Gate.Close();
        host.Find("button[aria-label='Delete']").Click();

        host.WaitForAssertion(() =>
        {
            var confirm = host.Find("button[aria-label='Delete']");
            Assert.True(confirm.HasAttribute("disabled"));
            Assert.Contains("Deleting", confirm.TextContent);
            Assert.Equal("true", host.Find("button[aria-label='Delete application']").GetAttribute("aria-busy"));
        });
        Gate.Open();
        host.WaitForAssertion(() => Assert.EndsWith("/applications", Services.GetRequiredService<NavigationManager>().Uri));
        Assert.Equal(0, await Service<ApplicationService>().CountAsync());
    }
}
