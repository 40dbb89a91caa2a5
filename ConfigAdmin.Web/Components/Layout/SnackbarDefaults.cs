using MudBlazor;
using MudBlazor.Services;

namespace ConfigAdmin.Web.Components.Layout;

/// <summary>
/// Where and how long outcomes show. Bottom left keeps them off the page's buttons (header actions top right, dialog
/// actions and pagers bottom right); a few seconds is enough for "saved", and a click closes one earlier.
/// </summary>
public static class SnackbarDefaults
{
    public const int VisibleMilliseconds = 3000;

    public static void Apply(MudServicesConfiguration options)
    {
        var snackbar = options.SnackbarConfiguration;
        snackbar.PositionClass = Defaults.Classes.Position.BottomLeft;
        snackbar.VisibleStateDuration = VisibleMilliseconds;
        snackbar.ShowTransitionDuration = 150;
        snackbar.HideTransitionDuration = 150;
        snackbar.ShowCloseIcon = true;
        snackbar.PreventDuplicates = true;
        snackbar.MaxDisplayedSnackbars = 3;
    }
}
