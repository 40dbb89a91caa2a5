using Bunit;
using ConfigAdmin.Core.Access;
using ConfigAdmin.Tests.Components.Shared;
using ConfigAdmin.Web.Components.Pages.Applications;
using ConfigAdmin.Web.Components.Shared;

namespace ConfigAdmin.Tests.Components.Pages.KeysGrid;

/// <summary>The Configs tab (ConfigsTab and its rows) rendered for an admin, with helpers to read its rows.</summary>
public abstract class KeysGridTestBase : ComponentTestBase
{
    protected IRenderedComponent<TestHost> RenderTab(string app = "shop", PageAccess? access = null)
    {
        var host = RenderHosted<ConfigsTab>(p => p.Add(t => t.Application, app)
            .AddCascadingValue(access ?? new PageAccess(Role.Admin, IsGlobalAdmin: true)));
        host.WaitForElement("td[data-label='production']");
        return host;
    }

    protected static List<string> Keys(IRenderedComponent<TestHost> host) =>
        host.FindAll("tbody td[data-label='Key'] code").Select(c => c.TextContent).Order(StringComparer.Ordinal).ToList();

    protected static void Row(IRenderedComponent<TestHost> host, string key, string environment, Action<AngleSharp.Dom.IElement> check) =>
        check(host.FindAll("tr").Single(r => r.TextContent.Contains(key)).QuerySelector($"td[data-label='{environment}']")!);
}
