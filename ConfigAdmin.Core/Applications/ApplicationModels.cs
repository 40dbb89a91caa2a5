using ConfigAdmin.Core.Common;

namespace ConfigAdmin.Core.Applications;

/// <summary>What a caller sends to create or replace an application.</summary>
/// <remarks><c>Version</c> is optional: when given, the write is refused unless it is the stored version.</remarks>
public sealed record ApplicationInput(string? Name, string? Description, string? Owner, string? ContactEmail, long? Version = null);

/// <summary>An application as the API and the UI show it.</summary>
public sealed record ApplicationDto(
    string Name, string? Description, string Owner, string ContactEmail,
    DateTime CreatedAt, DateTime UpdatedAt, long Version, int ConfigCount)
{
    public ApplicationInput ToInput() => new(Name, Description, Owner, ContactEmail, Version);
}

/// <summary>Search, sort and paging of the application list.</summary>
public sealed record ApplicationQuery(string? Search = null, string? Sort = null, int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IPaged;
