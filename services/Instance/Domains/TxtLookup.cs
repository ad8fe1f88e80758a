using DnsClient;

namespace WebWaka.Instance.Domains;

/// <summary>What a TXT look-up found: the record's values, or why there is no answer.</summary>
public sealed record TxtAnswer(IReadOnlyList<string> Values, string? Error);

/// <summary>Asks DNS (the configured name server, or the machine's) for a name's TXT records, never from a cache.</summary>
public sealed class TxtLookup(DomainSettings settings)
{
    private readonly LookupClient client = new(Options(settings));

    public async Task<TxtAnswer> LookupAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.QueryAsync(name, QueryType.TXT, cancellationToken: cancellationToken);
            var values = response.Answers.TxtRecords().SelectMany(r => r.Text).ToList();
            return new TxtAnswer(values, values.Count == 0 && response.HasError ? $"The DNS answered {response.ErrorMessage} for {name}." : null);
        }
        catch (DnsResponseException ex)
        {
            return new TxtAnswer([], $"No DNS answer for {name}: {ex.Message}");
        }
    }

    // A record just published must be seen at once, so nothing is cached; a DNS error is reported, not thrown.
    private static LookupClientOptions Options(DomainSettings settings)
    {
        var options = settings.NameServer is { } server ? new LookupClientOptions(server) : new LookupClientOptions();
        options.UseCache = false;
        options.ThrowDnsErrors = false;
        options.Timeout = TimeSpan.FromSeconds(3);
        options.Retries = 1;
        return options;
    }
}
