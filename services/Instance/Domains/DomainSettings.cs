using System.Net;

namespace WebWaka.Instance.Domains;

/// <summary>
/// <c>Domains:NameServer</c>: the DNS server asked for verification records, as <c>ADDRESS:PORT</c> (the machine's
/// resolvers when unset; AppHost points it at its local DNS server). <c>Domains:TimeToVerify</c>: how long a claim
/// stays pending (7 days). <c>Domains:RecheckInterval</c>: how often pending claims are looked up again (5 minutes).
/// </summary>
public sealed class DomainSettings
{
    public const string Section = "Domains";

    public IPEndPoint? NameServer { get; init; }

    public TimeSpan TimeToVerify { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromMinutes(5);

    public static DomainSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var nameServer = section["NameServer"];
        var settings = new DomainSettings
        {
            NameServer = string.IsNullOrEmpty(nameServer) ? null
                : IPEndPoint.TryParse(nameServer, out var endpoint) ? endpoint
                : throw new InvalidOperationException($"{Section}:NameServer '{nameServer}' is not ADDRESS:PORT."),
            TimeToVerify = section.GetValue<TimeSpan?>("TimeToVerify") ?? TimeSpan.FromDays(7),
            RecheckInterval = section.GetValue<TimeSpan?>("RecheckInterval") ?? TimeSpan.FromMinutes(5),
        };
        if (settings.TimeToVerify <= TimeSpan.Zero || settings.RecheckInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:TimeToVerify and {Section}:RecheckInterval must be positive.");
        }

        return settings;
    }
}
