using System.Diagnostics;

namespace WebWaka.Testing;

/// <summary>Waits for something that happens asynchronously, without sleeping longer than needed.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var last = await probe();
        while (!until(last))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not {what} within {timeout}; last seen: {Describe(last)}");
            }

            await Task.Delay(200);
            last = await probe();
        }

        return last;
    }

    private static string? Describe(object? value) => value is System.Collections.IEnumerable items and not string
        ? $"[{string.Join(", ", items.Cast<object?>())}]"
        : value?.ToString();
}
