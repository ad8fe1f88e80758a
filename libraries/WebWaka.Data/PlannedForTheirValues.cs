using Microsoft.EntityFrameworkCore;

namespace WebWaka.Data;

public static class PlannedForTheirValues
{
    /// <summary>
    /// Runs <paramref name="read"/> in a transaction whose statements are each planned for the values they are given.
    /// </summary>
    /// <remarks>
    /// Our statements are prepared (<see cref="ServiceDatabase"/>), and after five executions PostgreSQL may keep a
    /// prepared statement's generic plan, made for no values in particular. That suits the provisioning flow's inserts
    /// and lookups by key; it does not suit a list, whose filters match five rows or a hundred thousand depending on the
    /// partner and the search: a search of a partner with 100,000 clients took 80 ms on the generic plan and 9 to 24 ms
    /// planned for its values. <c>SET LOCAL</c> ends with the transaction, so the pooled connection keeps nothing of it.
    /// </remarks>
    public static async Task<T> PlannedForTheirValuesAsync<T>(this DbContext database, Func<CancellationToken, Task<T>> read,
        CancellationToken cancellationToken = default)
    {
        await using var transaction = await database.Database.BeginTransactionAsync(cancellationToken);
        await database.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", cancellationToken);
        var result = await read(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
