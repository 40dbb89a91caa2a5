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
    public static readonly MarkupString Compare = ButtonIcon(Icons.Material.Filled.CompareArrows);

    /// <summary>The lock shown beside a secret key's name; one shared string, so it costs one frame per use.</summary>
    public static readonly MarkupString Lock = new(
        $"""<svg class="mud-icon-root mud-svg-icon mud-icon-size-small" focusable="false" viewBox="0 0 24 24" role="img" aria-label="Secret"><title>Secret</title>{Icons.Material.Filled.Lock}</svg>""");

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

    /// <summary>
    /// A MudButton look-alike with text and a start icon (paths from <see cref="Icons"/>): a plain button, or a link
    /// when <paramref name="href"/> is given. While <paramref name="busy"/> it is disabled, says so (aria-busy) and
    /// spins instead of showing its icon. The app's header actions and save buttons: a MudButton with its icon is two
    /// components kept for the circuit's life.
    /// </summary>
    public static RenderFragment Button(string text, string label, string? icon, EventCallback<MouseEventArgs> onClick, bool disabled,
        Variant variant = Variant.Outlined, Color color = Color.Default, string? href = null, bool busy = false, string? @class = null) =>
        builder =>
        {
            builder.OpenElement(0, href is null ? "button" : "a");
            builder.AddAttribute(1, "type", href is null ? "button" : null);
            builder.AddAttribute(2, "href", href);
            builder.AddAttribute(3, "class", @class is null ? ButtonClasses(variant, color) : $"{ButtonClasses(variant, color)} {@class}");
            builder.AddAttribute(4, "aria-label", label);
            builder.AddAttribute(5, "aria-busy", busy ? "true" : null);
            builder.AddAttribute(6, "disabled", href is null && (disabled || busy));
            if (href is null) builder.AddAttribute(7, "onclick", onClick);
            builder.OpenElement(8, "span");
            builder.AddAttribute(9, "class", "mud-button-label");
            builder.AddContent(10, busy ? TextSpinner : icon is null ? default : StartIcon(icon));
            builder.AddContent(11, text);
            builder.CloseElement();
            builder.CloseElement();
        };

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Variant, Color), string> Classes = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MarkupString> StartIcons = new();

    private static string ButtonClasses(Variant variant, Color color) => Classes.GetOrAdd((variant, color), static key =>
    {
        var (v, c) = (key.Item1.ToString().ToLowerInvariant(), key.Item2.ToString().ToLowerInvariant());
        return $"mud-button-root mud-button mud-button-{v} mud-button-{v}-{c} mud-button-{v}-size-medium mud-ripple";
    });

    private static MarkupString StartIcon(string paths) => StartIcons.GetOrAdd(paths, static p => new(
        $"""<span class="mud-button-icon-start mud-button-icon-size-medium"><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{p}</svg></span>"""));

    /// <summary>What a busy text button shows before its text instead of its icon.</summary>
    private static readonly MarkupString TextSpinner = new(
        """<span class="mud-progress-circular mud-default-text mud-progress-circular-size-small mud-progress-indeterminate mr-2" aria-hidden="true"><svg class="mud-progress-circular-svg" viewBox="22 22 44 44"><circle class="mud-progress-circular-circle mud-progress-indeterminate" cx="44" cy="44" r="20" fill="none" stroke-width="3"></circle></svg></span>""");

    /// <summary>What a busy icon button shows instead of its icon.</summary>
    public static readonly MarkupString Spinner = new(
        """<span class="mud-icon-button-label"><span class="mud-progress-circular mud-default-text mud-progress-circular-size-small mud-progress-indeterminate" aria-hidden="true"><svg class="mud-progress-circular-svg" viewBox="22 22 44 44"><circle class="mud-progress-circular-circle mud-progress-indeterminate" cx="44" cy="44" r="20" fill="none" stroke-width="3"></circle></svg></span></span>""");

    public const string ButtonClass = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";
    public const string DangerButtonClass =
        "mud-button-root mud-icon-button mud-error-text hover:mud-error-hover mud-ripple mud-ripple-icon mud-icon-button-size-small";

    private static MarkupString ButtonIcon(string paths) => new(
        $"""<span class="mud-icon-button-label"><svg class="mud-icon-root mud-svg-icon mud-icon-size-small" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{paths}</svg></span>""");
}
