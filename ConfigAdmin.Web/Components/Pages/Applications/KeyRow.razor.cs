using System.Text.Encodings.Web;
using ConfigAdmin.Core.Configs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Pages.Applications;

public partial class KeyRow
{
    [Inject] private ConfigService Configs { get; set; } = default!;

    [Parameter, EditorRequired] public ConfigDto Config { get; set; } = default!;

    /// <summary>The value columns: the default (null), then each environment shown.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string?> Columns { get; set; } = [null];

    /// <summary>The environment the others are compared with: cells whose value differs from it are marked.</summary>
    [Parameter] public string? CompareWith { get; set; }

    /// <summary>Editors and admins change keys and overrides and reveal secrets; viewers only read.</summary>
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Until the circuit is interactive a click would be lost: the buttons wait.</summary>
    [Parameter] public bool Disabled { get; set; }

    /// <summary>The key's delete runs: its button spins and cannot be pressed again.</summary>
    [Parameter] public bool Deleting { get; set; }

    [Parameter] public EventCallback<ConfigDto> OnEdit { get; set; }
    [Parameter] public EventCallback<ConfigDto> OnHistory { get; set; }
    [Parameter] public EventCallback<ConfigDto> OnDelete { get; set; }
    [Parameter] public EventCallback<(ConfigDto Config, string Environment)> OnSetOverride { get; set; }

    /// <summary>Clear values the user asked to see, by environment ("" for the default); gone when the key changes.</summary>
    private readonly Dictionary<string, string?> _revealed = [];
    private readonly HashSet<string> _revealing = [];

    /// <summary>What the row showed last; the grid hands every row its parameters again whenever it renders.</summary>
    private (ConfigDto, IReadOnlyList<string?>, string?, bool, bool, bool)? _shown;

    /// <summary>Something the row shows changed since its last render: a parameter, or a reveal of its own.</summary>
    private bool _changed = true;

    protected override void OnParametersSet()
    {
        var now = (Config, Columns, CompareWith, CanEdit, Disabled, Deleting);
        if (_shown == now) return;
        // A new version of the key: a revealed secret would otherwise show its old clear text.
        if (_shown is { } before && before.Item1.Version != Config.Version) _revealed.Clear();
        (_shown, _changed) = (now, true);
    }

    /// <summary>Renders when what it shows changed, not for every render of the grid.</summary>
    protected override bool ShouldRender() => _changed;

    protected override void OnAfterRender(bool firstRender) => _changed = false;

    private async Task ToggleRevealAsync(string? environment)
    {
        var cell = environment ?? "";
        _changed = true;
        if (_revealed.Remove(cell) || !_revealing.Add(cell)) return;
        try
        {
            var clear = await Configs.RevealAsync(Config.Id);
            _revealed[cell] = environment is not null && clear.Overrides.TryGetValue(environment, out var value) ? value : clear.DefaultValue;
        }
        finally
        {
            _revealing.Remove(cell);
            _changed = true;
        }
    }

    /// <summary>
    /// Whether the cell's value differs from the compared-with environment's in the same row: what each environment
    /// resolves to (its override, else the default). Secrets are held masked here, so they are not compared.
    /// </summary>
    private bool Versus(string? environment) =>
        CompareWith is { } vs && environment is not null && environment != vs && !Config.IsSecret
        && Resolved(Config, environment) != Resolved(Config, vs);

    private static string? Resolved(ConfigDto config, string environment) =>
        config.Overrides.TryGetValue(environment, out var value) ? value : config.DefaultValue;

    private string CellClass(string? environment, bool versus) =>
        versus ? "ca-cell ca-vs-diff" : environment is not null && environment == CompareWith ? "ca-cell ca-vs-base" : "ca-cell";

    private string RevealLabel(string? environment, bool hidden) =>
        $"{(hidden ? "Reveal" : "Hide")} {Config.Key} {(environment is null ? "default" : $"in {environment}")}";

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "…";

    /// <summary>
    /// A key's name with a line-break opportunity after each ':' and '.', so a long name wraps between its segments
    /// rather than inside a word (one shared frame: the name's text is encoded here, the breaks are markup).
    /// </summary>
    public static MarkupString KeyText(string key)
    {
        var encoded = HtmlEncoder.Default.Encode(key);
        return new(encoded.Replace(":", ":<wbr>", StringComparison.Ordinal).Replace(".", ".<wbr>", StringComparison.Ordinal));
    }

    /// <summary>The hover text of a value: all of it (a very long one cut short; the editor shows it whole).</summary>
    private static string Tip(string value, bool inherited)
    {
        var shown = value.Length <= TipChars ? value : value[..TipChars] + "… (open the editor for the rest)";
        return inherited ? $"{Inherited}: {shown}" : shown;
    }

    private const int TipChars = 1000;
    public const string Inherited = "Inherited from the default";
    public const string DiffersText = "Differs from the default";

    /// <summary>A secret override is marked without comparing: the grid holds secrets masked only.</summary>
    public const string OverridesText = "Overrides the default (secret, not compared)";

    // Shared markup: one frame a cell each, for what repeats in every row.
    private static readonly MarkupString DiffersMark = Mark(DiffersText);
    private static readonly MarkupString OverridesMark = Mark(OverridesText);

    private static MarkupString Mark(string text) => new(
        $"""<span class="ca-differs" title="{text}"><span aria-hidden="true">≠</span><span class="ca-sr-only">{text}</span></span>""");

    private static readonly Dictionary<ConfigValueType, MarkupString> TypeChips = Enum.GetValues<ConfigValueType>()
        .ToDictionary(t => t, t => new MarkupString($"""<span class="ca-chip">{t.ToString().ToLowerInvariant()}</span>"""));

    private static readonly MarkupString Lock = new(
        $"""<svg class="ca-icon ca-lock" focusable="false" viewBox="0 0 24 24" role="img" aria-label="Secret"><title>Secret</title>{Icons.Material.Filled.Lock}</svg>""");

    private static readonly MarkupString TuneIcon = Icon(Icons.Material.Filled.Tune);
    private static readonly MarkupString EditIcon = Icon(Icons.Material.Filled.Edit);
    private static readonly MarkupString DeleteIcon = Icon(Icons.Material.Filled.Delete);
    private static readonly MarkupString RevealIcon = Icon(Icons.Material.Filled.Visibility);
    private static readonly MarkupString HideIcon = Icon(Icons.Material.Filled.VisibilityOff);
    private static readonly MarkupString HistoryIcon = Icon(Icons.Material.Filled.History);

    /// <summary>What a busy button shows instead of its icon.</summary>
    private static readonly MarkupString Spinner = new("""<span class="ca-spinner" aria-hidden="true"></span>""");

    private static MarkupString Icon(string paths) =>
        new($"""<svg class="ca-icon" focusable="false" viewBox="0 0 24 24" aria-hidden="true">{paths}</svg>""");
}
