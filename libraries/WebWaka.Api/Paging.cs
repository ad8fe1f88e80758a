using Microsoft.EntityFrameworkCore;
using WebWaka.Data;

namespace WebWaka.Api;

/// <summary>
/// A page of a list (README, API conventions): <c>{ items, page, pageSize, total, totalIsExact }</c>. The total is
/// exact up to <see cref="Paging.CountLimit"/> matches; beyond, it is that limit and <c>totalIsExact</c> is false.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total, bool TotalIsExact = true);

/// <summary>The <c>page</c> (from 1) and <c>pageSize</c> (1..100, default 20) of a list request.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>Far past any list a partner has; beyond it the row offset would overflow.</summary>
    public const int MaxPage = 100_000;

    /// <summary>
    /// Counting stops here: a count of every match costs as much as reading them all, on every page, and a list that long
    /// is searched, not paged through to the end.
    /// </summary>
    public const int CountLimit = 10_000;

    public static Paging From(int? page, int? pageSize, ValidationErrors errors)
    {
        errors.Check(page is null or >= 1 and <= MaxPage, "page", $"From 1 to {MaxPage}.");
        errors.Check(pageSize is null or >= 1 and <= MaxPageSize, "pageSize", $"From 1 to {MaxPageSize}.");
        return new Paging(page ?? 1, pageSize ?? DefaultPageSize);
    }

    /// <summary>This page of <paramref name="query"/>, a query of <paramref name="database"/>, and its total.</summary>
    public async Task<PagedList<TResult>> ApplyAsync<TSource, TResult>(DbContext database, IQueryable<TSource> query,
        Func<TSource, TResult> map, CancellationToken cancellationToken = default)
    {
        var (skip, take) = ((Page - 1) * PageSize, PageSize);
        var (counted, items) = await database.PlannedForTheirValuesAsync(async cancellation => (
            await query.Take(CountLimit + 1).CountAsync(cancellation),
            await query.Skip(skip).Take(take).ToListAsync(cancellation)), cancellationToken);
        return new PagedList<TResult>(items.Select(map).ToList(), Page, PageSize, Math.Min(counted, CountLimit), counted <= CountLimit);
    }
}

/// <summary>The filters lists share: a status, and a search on name or slug.</summary>
public static class ListFilters
{
    /// <summary>The status asked for, parsed once; a name the status does not have is a validation error.</summary>
    public static TStatus? Status<TStatus>(string? status, ValidationErrors errors) where TStatus : struct, Enum
    {
        if (status is null)
        {
            return null;
        }

        var known = Enum.TryParse<TStatus>(status, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed);
        errors.Check(known, "status", string.Join(", ", Enum.GetNames<TStatus>()));
        return known ? parsed : null;
    }

    /// <summary>The longest search: longer than any name or slug, short enough to stay cheap.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>The ILIKE pattern of a search, or null when there is none; a search too long is a validation error.</summary>
    public static string? SearchPattern(string? search, ValidationErrors errors)
    {
        errors.Check(search is null || search.Length <= MaxSearchLength, "search", $"At most {MaxSearchLength} characters.");
        return string.IsNullOrWhiteSpace(search) ? null : $"%{search.Trim()}%";
    }
}
