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

    /// <summary>A sort order after every existing environment, in the steps of ten the defaults use.</summary>
    public static int NextSortOrder(IEnumerable<EnvironmentDto> existing) =>
        existing.Select(e => e.SortOrder).DefaultIfEmpty(0).Max() / 10 * 10 + 10;

    public EnvironmentInput ToInput() => new(Name?.Trim(), Description, SortOrder, RequiredApprovals: RequiredApprovals);
}
