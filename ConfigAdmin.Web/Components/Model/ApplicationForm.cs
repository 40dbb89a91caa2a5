using ConfigAdmin.Core.Applications;

namespace ConfigAdmin.Web.Components.Model;

/// <summary>The editable twin of <see cref="ApplicationInput"/>: MudForm binds to settable properties, the validator checks the record.</summary>
public sealed class ApplicationForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Owner { get; set; }
    public string? ContactEmail { get; set; }

    public static ApplicationForm From(ApplicationDto? dto) => dto is null ? new() : new()
    {
        Name = dto.Name, Description = dto.Description, Owner = dto.Owner, ContactEmail = dto.ContactEmail,
    };

    public ApplicationInput ToInput() => new(Name?.Trim(), Description, Owner?.Trim(), ContactEmail?.Trim());
}
