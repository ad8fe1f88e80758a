using MudBlazor;
using WebWaka.Api;
using WebWaka.Web.Api;

namespace WebWaka.Web.Components;

/// <summary>What every dashboard page does the same way: load a table's page from a list endpoint, tell the outcome of an action.</summary>
public static class DashboardExtensions
{
    /// <summary>The page a MudTable asks for, from an endpoint that pages (README: API conventions), with the filters that have a value.</summary>
    public static Task<ApiResult<PagedList<T>>> GetPageAsync<T>(this WebWakaApi api, string path, TableState state,
        Dictionary<string, string?> filters, CancellationToken cancellationToken)
    {
        var query = filters.Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Aggregate($"{path}?page={state.Page + 1}&pageSize={state.PageSize}", (q, f) => $"{q}&{f.Key}={Uri.EscapeDataString(f.Value!.Trim())}");
        return api.GetAsync<PagedList<T>>(query, cancellationToken);
    }

    public static TableData<T> AsTableData<T>(this ApiResult<PagedList<T>> page) =>
        new() { Items = page.Value?.Items ?? [], TotalItems = page.Value?.Total ?? 0 };

    /// <summary>A snackbar saying the action worked, or the problem in words.</summary>
    public static void Report(this ISnackbar snackbar, ApiProblem? problem, string success) =>
        snackbar.Add(problem?.Message ?? success, problem is null ? Severity.Success : Severity.Error);
}
