using FluentValidation;

namespace ConfigAdmin.Core.Common;

/// <summary>Every list query pages the same way: <c>page</c> from 1, <c>pageSize</c> up to <see cref="PageRequest.MaxPageSize"/>.</summary>
public interface IPaged
{
    int Page { get; }
    int PageSize { get; }
}

/// <summary>Paging alone, for lists that have nothing else to filter by.</summary>
public sealed record PageRequest(int Page = 1, int PageSize = PageRequest.DefaultPageSize) : IPaged
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Far beyond any real list, and low enough that the rows skipped always fit in an int on every provider.</summary>
    public const int MaxPage = 1_000_000;
}

/// <summary>One page of a list, as every list endpoint and grid returns it.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public static PagedResult<T> Of(IReadOnlyList<T> items, IPaged paging, int total) => new(items, paging.Page, paging.PageSize, total);
}

/// <summary>The paging rules, included by every list query's validator.</summary>
public sealed class PagingRules : AbstractValidator<IPaged>
{
    public PagingRules()
    {
        RuleFor(p => p.Page).InclusiveBetween(1, PageRequest.MaxPage);
        RuleFor(p => p.PageSize).InclusiveBetween(1, PageRequest.MaxPageSize);
    }
}

public static class PagingExtensions
{
    /// <summary>The requested page of an ordered query; a page beyond the last is empty.</summary>
    public static IQueryable<T> PageOf<T>(this IQueryable<T> ordered, IPaged paging) =>
        ordered.Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize);

}
