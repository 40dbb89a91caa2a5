using ConfigAdmin.Core.Changes;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Reviews;

/// <summary>
/// The bulk previews' apply (restore, import, promote, revert, text mode): when the preview says the change touches
/// protected environments, the button says "Request change" and files the previewed change as a request instead.
/// </summary>
public static class ProtectedApply
{
    public const string RequestText = "Request change";

    public static string ButtonText(ChangeSetDiff? preview, string applyText) =>
        preview is { ProtectedEnvironments.Count: > 0 } ? RequestText : applyText;

    /// <summary>
    /// Applies (<paramref name="run"/> with no title), or files a request titled as the user says; answers the applied
    /// or filed diff (<see cref="ChangeSetDiff.Filed"/> set when filed), or null when the user cancelled the request.
    /// </summary>
    public static async Task<ChangeSetDiff?> RunAsync(IDialogService dialogs, ChangeSetDiff preview, string suggestedTitle,
        Func<string?, Task<ChangeSetDiff>> run)
    {
        if (preview.ProtectedEnvironments.Count == 0) return await run(null);
        ChangeSetDiff? filed = null;
        var request = await RequestChangeDialog.ShowAsync(dialogs, preview.ProtectedEnvironments, suggestedTitle,
            async (title, _) => (filed = await run(title)).Filed!, askWhy: false);
        return request is null ? null : filed;
    }
}
