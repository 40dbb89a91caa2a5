using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Layout;

/// <summary>
/// MudThemeProvider whose CSS is built once per mode for the whole process. The base builds some 12,000 characters of
/// CSS variables on every render of every circuit, and each circuit keeps that string in two render trees (about
/// 50 KB per open page, docs/benchmarks.md). Chart styles are left out: ConfigAdmin draws no charts.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConcurrentDictionary<(bool Dark, bool DefaultScrollbar), MarkupString> Css = new();

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // Only the app's own theme is cached; it never changes while the process runs.
        if (!ReferenceEquals(Theme, AppTheme.Theme))
        {
            base.BuildRenderTree(builder);
            return;
        }
        // The parameters as Blazor set them for this render; the mode only ever changes through them here (the
        // system-mode watcher, which would change it from inside, is off).
#pragma warning disable MUD0010
        var key = (IsDarkMode, DefaultScrollbar);
#pragma warning restore MUD0010
        builder.AddContent(0, Css.GetOrAdd(key,
            key => new MarkupString((key.DefaultScrollbar ? "" : BuildMudBlazorScrollbar()) + BuildTheme())));
    }
}
