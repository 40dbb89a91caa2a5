using ConfigAdmin.Core.Changes;
using ConfigAdmin.Core.Configs;
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

    /// <summary>
    /// A key's write that conflicts only when what the user edits changed underneath: a change elsewhere in the key
    /// (another environment's override, say) is written over on the new version without asking. A real conflict shows
    /// who changed what; the user overwrites, or goes back to the edit (input kept) with <see cref="KeyWrite.Report"/>.
    /// </summary>
    /// <param name="environment">The environment whose override is written; null for the key's own fields.</param>
    public static async Task<KeyWrite> RunAsync(IDialogService dialogs, ConflictCheck check, string what, ConfigDto loaded,
        string? environment, Func<long?, Task> write)
    {
        var version = loaded.Version;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write(version);
                return KeyWrite.Saved;
            }
            catch (Exception ex) when (UiErrors.IsConflict(ex))
            {
                var report = await check.InspectAsync(loaded, environment);
                if (!report.TouchesEdit && attempt < RetriesOnNewVersion)
                {
                    version = report.Current.Version;
                    continue;
                }
                if (!await ConflictDialog.AskOverwriteAsync(dialogs, what, report.Changes)) return new KeyWrite(false, report);
                await write(null);
                return KeyWrite.Saved;
            }
        }
    }

    private const int RetriesOnNewVersion = 5;
}

/// <summary>How a key's write ended: saved, or not, with the conflict the user chose to look at first.</summary>
public sealed record KeyWrite(bool IsSaved, ConflictReport? Report)
{
    public static readonly KeyWrite Saved = new(true, null);
}
