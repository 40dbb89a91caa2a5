using ConfigAdmin.Core.Environments;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>The editable twin of <see cref="EnvironmentInput"/>.</summary>
public sealed class EnvironmentForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Approvals a change to this environment's documents needs (0: not protected).</summary>
    public int RequiredApprovals { get; set; }

    public static EnvironmentForm From(EnvironmentDto? dto) => dto is null ? new() : new()
    {
        Name = dto.Name, Description = dto.Description, SortOrder = dto.SortOrder, RequiredApprovals = dto.RequiredApprovals,
    };

    /// <summary>A sort order after every existing environment: the service's rule, shown before the dialog sends it.</summary>
    public static int NextSortOrder(IEnumerable<EnvironmentDto> existing) => EnvironmentService.SortOrderAfter(existing.Select(e => e.SortOrder));

    public EnvironmentInput ToInput() => new(Name?.Trim(), Description, SortOrder, RequiredApprovals: RequiredApprovals);
}
