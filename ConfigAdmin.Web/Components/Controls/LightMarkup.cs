using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Controls;

/// <summary>
/// MudBlazor's look without MudBlazor components, for grids that repeat a control in every cell. Each component
/// instance keeps two render-tree buffers and MudBlazor's parameter state for the life of the circuit: the keys
/// grid (25 rows x 8 environments) held about 1,100 of them, some 7 MB per open page (docs/benchmarks.md).
/// Plain elements inside one render fragment cost a few frames each instead.
/// </summary>
public static class LightMarkup
{
    public static readonly MarkupString Tune = ButtonIcon(Icons.Material.Filled.Tune);
    public static readonly MarkupString Edit = ButtonIcon(Icons.Material.Filled.Edit);
    public static readonly MarkupString Delete = ButtonIcon(Icons.Material.Filled.Delete);
    public static readonly MarkupString Reveal = ButtonIcon(Icons.Material.Filled.Visibility);
    public static readonly MarkupString Hide = ButtonIcon(Icons.Material.Filled.VisibilityOff);
    public static readonly MarkupString History = ButtonIcon(Icons.Material.Filled.History);

    /// <summary>The lock shown beside a secret key's name; one shared string, so it costs one frame per use.</summary>
    public static readonly MarkupString Lock = new(
        $"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-small" focusable="false" viewBox="0 0 24 24" role="img" aria-label="Secret"><title>Secret</title>{Icons.Material.Filled.Lock}</svg>""");

    /// <summary>A small MudIconButton look-alike: a plain button with an accessible name and a click callback.</summary>
    /// <summary>A MudNavLink's icon.</summary>
    public static MarkupString NavIcon(string paths) => new(
        $"""<svg class="mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{paths}</svg>""");

    /// <summary>A medium icon button's icon, as the pager's first/previous/next/last buttons show it.</summary>
    public static MarkupString MediumButtonIcon(string paths) => new(
        $"""<span class="mud-icon-button-label"><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{paths}</svg></span>""");

    /// <summary>
    /// A small MudIconButton look-alike: a plain button with an accessible name and a click callback. While
    /// <paramref name="busy"/> it is disabled, says so (aria-busy) and spins instead of showing its icon.
    /// </summary>
    public static RenderFragment IconButton(string label, MarkupString icon, EventCallback<MouseEventArgs> onClick, bool disabled,
        bool danger = false, bool busy = false) => builder => Build(builder, label, icon, onClick, disabled || busy, danger, busy);

    private static void Build(RenderTreeBuilder b, string label, MarkupString icon, EventCallback<MouseEventArgs> onClick,
        bool disabled, bool danger, bool busy)
    {
        b.OpenElement(0, "button");
        b.AddAttribute(1, "type", "button");
        b.AddAttribute(2, "class", danger ? DangerButtonClass : ButtonClass);
        b.AddAttribute(3, "aria-label", label);
        b.AddAttribute(4, "aria-busy", busy ? "true" : null);
        b.AddAttribute(5, "disabled", disabled);
        b.AddAttribute(6, "onclick", onClick);
        b.AddContent(7, busy ? Spinner : icon);
        b.CloseElement();
    }

    /// <summary>What a busy icon button shows instead of its icon.</summary>
    public static readonly MarkupString Spinner = new(
        """<span class="mud-icon-button-label"><span class="mud-progress-circular mud-default-text mud-progress-circular-size-small mud-progress-indeterminate" aria-hidden="true"><svg class="mud-progress-circular-svg" viewBox="22 22 44 44"><circle class="mud-progress-circular-circle mud-progress-indeterminate" cx="44" cy="44" r="20" fill="none" stroke-width="3"></circle></svg></span></span>""");

    public const string ButtonClass = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";
    public const string DangerButtonClass =
        "mud-button-root mud-icon-button mud-error-text hover:mud-error-hover mud-ripple mud-ripple-icon mud-icon-button-size-small";

    private static MarkupString ButtonIcon(string paths) => new(
        $"""<span class="mud-icon-button-label"><svg class="mud-icon-root mud-svg-icon mud-icon-size-small" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{paths}</svg></span>""");
}
