using ConfigAdmin.Core.Access;
using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Transfer;
using ConfigAdmin.Web.Components.Model;
using ConfigAdmin.Web.Components.Reviews;
using ConfigAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Pages.Applications;

/// <summary>
/// An application as editable text: the whole of it (configadmin format), its defaults, or one environment's overrides,
/// in any format. Edits go through the import's dry run and apply as one import, so they are validated, audited and
/// previewed like any other import.
/// </summary>
public partial class TextModePage
{
    public const string WholeLayer = "application", DefaultsLayer = "defaults";

    [Inject] private TransferService Transfer { get; set; } = default!;
    [Inject] private EnvironmentService EnvironmentList { get; set; } = default!;
    [Inject] private ApplicationService Applications { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    // What is shown lives in the query string: a link opens the same text.
    [SupplyParameterFromQuery] public string? Layer { get; set; }
    [SupplyParameterFromQuery] public string? Format { get; set; }

    private IReadOnlyList<EnvironmentDto> _environments = [];
    private string _layer = WholeLayer;
    private string _format = TransferFormats.ConfigAdmin.Name;
    private string? _text;
    private IReadOnlyList<string> _secretKeys = [];
    private ElementReference _editor;
    private int _generation;
    private ChangeSetDiff? _preview;
    private byte[]? _previewed;
    private string? _error;
    private bool _canEdit;
    private bool _notFound;
    private bool _previewing;
    private bool _applying;

    private bool Busy => _previewing || _applying;
    private bool Whole => _layer == WholeLayer;
    private string? Environment => _layer is WholeLayer or DefaultsLayer ? null : _layer;
    private IReadOnlyList<string> Formats => Whole ? [TransferFormats.ConfigAdmin.Name] : FileFormats.Layer;

    public static string Href(string application, string? layer = null, string? format = null)
    {
        var href = $"{ApplicationsPage.AppHref(application)}/text";
        return layer is null ? href : $"{href}?layer={Uri.EscapeDataString(layer)}&format={Uri.EscapeDataString(format ?? "")}";
    }

    private string Explanation => _layer switch
    {
        WholeLayer => "Every key on a line of its own, with its type, description, secret flag, default and overrides. Removing a key's line deletes the key.",
        DefaultsLayer => "Each key's default. New lines add keys; removing a line does not delete its key (edit the whole application for that).",
        _ => $"The values that override the default in {_layer}. New lines add overrides (and keys); removing a line removes that override.",
    };

    /// <summary>How the text applies: the whole application and one environment are replaced; defaults are merged.</summary>
    private ImportRequest Request(bool dryRun) =>
        new(_format, Environment, _layer == DefaultsLayer ? "merge" : "replace", dryRun, KeepSecrets: !Whole);

    protected override async Task OnParametersSetAsync()
    {
        if (_environments.Count == 0) _environments = await EnvironmentList.AllAsync();
        var role = await Applications.RoleOnAsync(Name);
        if (role is null)
        {
            _notFound = true;
            Navigation.NotFound();
            return;
        }
        _canEdit = role.Allows(AppPermission.Edit);
        _layer = Layer is DefaultsLayer ? DefaultsLayer
            : _environments.FirstOrDefault(e => e.Name == Layer?.ToLowerInvariant())?.Name ?? WholeLayer;
        _format = Whole ? TransferFormats.ConfigAdmin.Name
            : FileFormats.Layer.FirstOrDefault(f => f == Format?.ToLowerInvariant()) ?? TransferFormats.Env.Name;
        // The text is the application's every key: read and sent once, by the circuit, not also in the prerendered page
        // (two thousand keys in eight environments are megabytes of text, which the page would carry twice).
        if (RendererInfo.IsInteractive) await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _text = null;
        _error = null;
        _preview = null;
        _secretKeys = [];
        try
        {
            if (Whole)
            {
                _text = await Transfer.ExportTextAsync(Name);
            }
            else
            {
                var layer = await Transfer.ExportLayerAsync(Name, Environment, _format);
                (_text, _secretKeys) = (layer.File.Content, layer.SecretKeys);
            }
            _generation++;
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            // A nested format cannot show a key that is both a value and a parent: the message says which, and what works.
            _error = UiErrors.Message(ex);
        }
    }

    private Task ChooseAsync(string layer, string format)
    {
        var next = layer == WholeLayer ? TransferFormats.ConfigAdmin.Name
            : FileFormats.Layer.Contains(format) ? format : TransferFormats.Env.Name;
        Navigation.NavigateTo(Href(Name, layer, next));
        return Task.CompletedTask;
    }

    /// <summary>The editor's text, streamed from the browser only now: typing costs the circuit nothing.</summary>
    private async Task<byte[]> ReadEditorAsync()
    {
        await using var reference = await JS.InvokeAsync<IJSStreamReference>("configAdmin.readText", _editor);
        await using var stream = await reference.OpenReadStreamAsync(TransferLimits.MaxTextLength * 4L);
        using var bytes = new MemoryStream();
        await stream.CopyToAsync(bytes);
        return bytes.ToArray();
    }

    private async Task PreviewAsync()
    {
        if (Busy) return;
        _previewing = true;
        _preview = null;
        _error = null;
        try
        {
            _previewed = await ReadEditorAsync();
            _preview = await Transfer.ImportAsync(Name, Request(dryRun: true), _previewed);
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            _error = UiErrors.Message(ex);
        }
        finally
        {
            _previewing = false;
        }
    }

    private async Task ApplyAsync()
    {
        if (Busy || _previewed is null) return;
        _applying = true;
        _error = null;
        try
        {
            var text = await ReadEditorAsync();
            if (!text.AsSpan().SequenceEqual(_previewed))
            {
                // Apply only what the user saw previewed: edits made since get their own preview first.
                (_previewed, _preview) = (text, await Transfer.ImportAsync(Name, Request(dryRun: true), text));
                _error = "The text changed since the preview: check this preview, then apply.";
                return;
            }
            var applied = await ProtectedApply.RunAsync(Dialogs, _preview!, $"Edit {Name} as text",
                title => Transfer.ImportAsync(Name, Request(dryRun: false) with { ChangeRequest = title }, text));
            if (applied is null || applied.Filed is not null) return;
            Snackbar.Add($"Applied the text to {Name}: {Controls.ChangeSetView.Summary(applied)}.", Severity.Success);
            await LoadAsync();
        }
        catch (Exception ex) when (UiErrors.IsExpected(ex))
        {
            _error = UiErrors.Message(ex);
        }
        finally
        {
            _applying = false;
        }
    }

    private Task DiscardAsync() => LoadAsync();
}
