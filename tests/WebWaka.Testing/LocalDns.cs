using System.Net;
using Aspire.Hosting.Testing;
using DnsClient;

namespace WebWaka.Testing;

/// <summary>
/// The local DNS server's records, set as a developer sets them: by editing its records file, which AppHost reloads.
/// Each call waits until the server answers with what was set.
/// </summary>
public static class LocalDns
{
    private static readonly SemaphoreSlim Writing = new(1, 1);

    /// <summary>Replaces the TXT records at <paramref name="name"/> with one record per value (none: the name is gone).</summary>
    public static async Task SetTxtRecordsAsync(this DistributedAppFixture system, string name, params string[] values)
    {
        var file = Path.Combine(system.DataDirectory, "dns", "records.conf");
        await Writing.WaitAsync();
        try
        {
            var others = (await File.ReadAllLinesAsync(file)).Where(line => !line.StartsWith($"txt-record={name},", StringComparison.Ordinal));
            await File.WriteAllLinesAsync(file, [.. others, .. values.Select(value => $"txt-record={name},\"{value}\"")]);
        }
        finally
        {
            Writing.Release();
        }

        var endpoint = system.App.GetEndpoint("dns", "dns");
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, endpoint.Port))
        {
            UseCache = false, ThrowDnsErrors = false, Timeout = TimeSpan.FromSeconds(1), Retries = 0,
        });
        await Eventually.GetAsync(async () =>
            {
                try
                {
                    var answer = await client.QueryAsync(name, QueryType.TXT);
                    return answer.Answers.TxtRecords().SelectMany(r => r.Text).Order().ToList();
                }
                catch (DnsResponseException)
                {
                    return ["(no answer: restarting)"];
                }
            },
            found => found.SequenceEqual(values.Order()), TimeSpan.FromSeconds(20), $"the DNS answering {name} with [{string.Join(", ", values)}]");
    }
}
