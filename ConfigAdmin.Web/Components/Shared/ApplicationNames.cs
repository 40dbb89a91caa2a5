using ConfigAdmin.Core.Applications;
using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Web.Components.Shared;

/// <summary>Every application name the caller may see, for pickers that choose among them (roles, API key scopes).</summary>
public static class ApplicationNames
{
    public static async Task<IReadOnlyList<string>> AllAsync(ApplicationService applications, CancellationToken ct = default)
    {
        var names = new List<string>();
        for (var page = 1; ; page++)
        {
            var batch = await applications.ListAsync(new ApplicationQuery(Page: page, PageSize: PageRequest.MaxPageSize), ct);
            names.AddRange(batch.Items.Select(a => a.Name));
            if (batch.Items.Count < PageRequest.MaxPageSize || names.Count >= batch.TotalCount) return names;
        }
    }
}
