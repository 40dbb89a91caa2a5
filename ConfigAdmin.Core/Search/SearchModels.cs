using ConfigAdmin.Core.Common;
using ConfigAdmin.Core.Configs;

namespace ConfigAdmin.Core.Search;

/// <summary>Keys across the caller's applications whose name, description or (non-secret) value contains <c>Q</c>.</summary>
public sealed record SearchQuery(string? Q, int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IPaged;

/// <summary>
/// One key that matched: where (<c>key</c>, <c>description</c>, <c>default</c> or an environment's name) and the values
/// that matched, cut to <see cref="SearchService.ValueExcerptLength"/> characters. A secret key matches by name and
/// description only, and never carries a value.
/// </summary>
public sealed record SearchHit(
    Guid Id, string Application, string Key, ConfigValueType ValueType, string? Description, bool IsSecret,
    IReadOnlyList<string> MatchedIn, IReadOnlyList<SearchValue> Values);

/// <summary>A matching value and where it lives: <c>default</c> or an environment's name.</summary>
public sealed record SearchValue(string Source, string Value);
