using MudBlazor;

namespace ConfigAdmin.Web.Components.Layout;

/// <summary>
/// MudBlazor's default palettes, changed only where text missed WCAG AA contrast (4.5:1), as axe reports in the E2E
/// accessibility tests: light error, info and success are darker; dark primary and error are lighter with dark text
/// on them, and dark body text is brighter.
/// </summary>
public static class AppTheme
{
    private const string DarkText = "rgba(0,0,0,0.87)";

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Error = "#d32f2f", // 5.0:1 on white
            Info = "#1976d2", // 4.6:1 under white text
            Success = "#2e7d32", // 5.1:1 under white text
            WarningContrastText = DarkText, // white on orange would be 2.1:1
            TextSecondary = "rgba(0,0,0,0.6)", // 5.7:1 on white, also on the audit's highlighted rows
        },
        PaletteDark = new PaletteDark
        {
            // Links, tabs, active navigation and outlined buttons are primary text on #373740: 6.2:1, and
            // still 4.9:1 under a hover highlight.
            Primary = "#bbb5fa",
            PrimaryContrastText = DarkText,
            Error = "#ff7b86", // 4.7:1 on the surface
            ErrorContrastText = DarkText,
            InfoContrastText = DarkText,
            SuccessContrastText = DarkText,
            WarningContrastText = DarkText,
            TextPrimary = "rgba(255,255,255,0.87)", // 5.6:1 even on the audit's highlighted rows
            TextSecondary = "rgba(255,255,255,0.7)", // labels and muted values: 6.7:1
            DrawerText = "rgba(255,255,255,0.7)",
            DrawerIcon = "rgba(255,255,255,0.7)",
        },
    };
}
