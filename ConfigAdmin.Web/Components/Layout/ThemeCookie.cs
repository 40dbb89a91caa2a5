namespace ConfigAdmin.Web.Components.Layout;

/// <summary>
/// The dark-mode choice as a cookie beside local storage (wwwroot/app.js writes both), so the server renders the chosen
/// theme on the first paint instead of flashing light until the circuit has asked the browser.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "configadmin.dark";

    /// <summary>The name under which Routes cascades the choice to the layout.</summary>
    public const string CascadeName = "PrerenderedDarkMode";

    public static bool IsDark(HttpRequest request) => request.Cookies[Name] == "true";
}
