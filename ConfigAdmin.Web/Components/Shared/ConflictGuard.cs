using ConfigAdmin.Web.Components.Dialogs;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Shared;

public enum WriteOutcome
{
    Saved,
    Reload,
}

/// <summary>Runs a versioned write; a concurrent change asks the user (reload or overwrite) instead of overwriting silently.</summary>
public static class ConflictGuard
{
    /// <summary>
    /// Calls <paramref name="write"/> with the version the user loaded. On a conflict the user chooses: reload
    /// (nothing is written) or overwrite (the write is repeated against the current version).
    /// </summary>
    public static async Task<WriteOutcome> RunAsync(IDialogService dialogs, string what, long? loadedVersion,
        Func<long?, Task> write)
    {
        try
        {
            await write(loadedVersion);
            return WriteOutcome.Saved;
        }
        catch (Exception ex) when (UiErrors.IsConflict(ex))
        {
            if (!await ConflictDialog.AskOverwriteAsync(dialogs, what)) return WriteOutcome.Reload;
            await write(null);
            return WriteOutcome.Saved;
        }
    }
}
