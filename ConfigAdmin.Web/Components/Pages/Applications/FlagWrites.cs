using System.Text.Json;
using ConfigAdmin.Core.Environments;
using ConfigAdmin.Core.Flags;
using ConfigAdmin.Core.Pipeline;
using ConfigAdmin.Core.Reviews;
using ConfigAdmin.Web.Components.Reviews;
using MudBlazor;

namespace ConfigAdmin.Web.Components.Pages.Applications;

/// <summary>How the Flags tab saves a definition: straight through, or as a change request in a protected environment.</summary>
public static class FlagWrites
{
    /// <summary>True when saved or filed; false when the user cancelled the request.</summary>
    public static async Task<bool> SaveAsync(FlagService flags, ChangeRequestService requests, IDialogService dialogs, ISnackbar snackbar,
        string application, EnvironmentDto env, JsonElement definition, string title)
    {
        var id = definition.GetProperty("id").GetString()!;
        if (env.RequiredApprovals > 0)
        {
            return await RequestChangeDialog.ShowAsync(dialogs, [env.Name], title, (t, why) =>
                requests.FileAsync(application, new ChangeRequestInput(t, why, [ChangeOperation.SetFlagIn(id, env.Name, definition)]))) is not null;
        }
        await flags.PutAsync(application, id, env.Name, definition, null);
        snackbar.Add($"{id} saved in {env.Name}.", Severity.Success);
        return true;
    }
}
