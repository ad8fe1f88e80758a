using Microsoft.EntityFrameworkCore;

namespace WebWaka.ServiceDefaults;

/// <summary>A page of a list (CONTRACT.md): <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>The <c>page</c> (from 1) and <c>pageSize</c> (1..100, default 20) of a list request.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public static Paging From(int? page, int? pageSize, ValidationErrors errors)
    {
        errors.Check(page is null or >= 1, "page", "Pages start at 1.");
        errors.Check(pageSize is null or >= 1 and <= MaxPageSize, "pageSize", $"From 1 to {MaxPageSize}.");
        return new Paging(page ?? 1, pageSize ?? DefaultPageSize);
    }

    public async Task<PagedList<TResult>> ApplyAsync<TSource, TResult>(IQueryable<TSource> query, Func<TSource, TResult> map,
        CancellationToken cancellationToken = default)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((Page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return new PagedList<TResult>(items.Select(map).ToList(), Page, PageSize, total);
    }
}
