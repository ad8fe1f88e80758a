using System.Text.RegularExpressions;

namespace WebWaka.AppHost.Resources;

/// <summary>
/// What one service may do on the bus, as RabbitMQ's configure, write and read patterns for its own user. MassTransit
/// publishes a message to the exchange of its type (<c>WebWaka.Contracts:CreateTenant</c>), and names a service's queues,
/// and the exchanges in front of them, after the service (<c>tenant-api.create-tenant</c>). So a service may:
/// <list type="bullet">
/// <item>write only to the exchanges of the messages it publishes, of its own message types, and of the faults of what it
/// consumes (MassTransit publishes those when a consumer gives up, binding each to its <c>MassTransit:Fault</c>
/// exchange, which nothing reads);</item>
/// <item>read only its own queues, and bind them to the exchanges of the messages it consumes;</item>
/// <item>declare only those.</item>
/// </list>
/// Nobody may write to the default exchange, which would reach any queue by its name. The consumers accept a message
/// only when it came through its type's exchange (<c>PublishedByItsOwner</c> in the services), since a service may
/// write to its own queues' exchanges: RabbitMQ asks that of whoever binds them.
/// </summary>
public sealed class BusAccess
{
    /// <summary>The contract messages the service publishes.</summary>
    public IReadOnlyList<Type> Publishes { get; init; } = [];

    /// <summary>The contract messages it consumes.</summary>
    public IReadOnlyList<Type> Consumes { get; init; } = [];

    /// <summary>The messages whose faults it consumes (the failure of a step it asked another service for).</summary>
    public IReadOnlyList<Type> ConsumesFaultsOf { get; init; } = [];

    /// <summary>RabbitMQ's permissions for the service named <paramref name="service"/>, whose own message types live
    /// under the namespace <paramref name="ownNamespace"/>.</summary>
    public BrokerPermissions For(string service, string ownNamespace)
    {
        string[] own = [$@"{Regex.Escape(service)}\..+", $@"{Regex.Escape(ownNamespace)}\.[^:]+:.+", $@"MassTransit:Fault--{Regex.Escape(ownNamespace)}\..+"];
        string[] anyFault = ["MassTransit:Fault"];
        var published = Publishes.Select(type => Regex.Escape(ExchangeOf(type)));
        var consumed = Consumes.Select(type => Regex.Escape(ExchangeOf(type))).ToList();
        var faultsItRaises = Consumes.Select(type => Regex.Escape(FaultExchangeOf(type))).ToList();
        var faultsItConsumes = ConsumesFaultsOf.Select(type => Regex.Escape(FaultExchangeOf(type))).ToList();

        return new BrokerPermissions(
            Configure: AnyOf([.. own, .. published, .. consumed, .. faultsItRaises, .. faultsItConsumes, .. anyFault]),
            Write: AnyOf([.. own, .. published, .. faultsItRaises, .. anyFault]),
            Read: AnyOf([.. own, .. consumed, .. faultsItRaises, .. faultsItConsumes]));
    }

    /// <summary>The exchange MassTransit publishes a message type to.</summary>
    public static string ExchangeOf(Type message) => $"{message.Namespace}:{message.Name}";

    private static string FaultExchangeOf(Type message) => $"MassTransit:Fault--{ExchangeOf(message)}--";

    private static string AnyOf(IEnumerable<string> patterns) => $"^({string.Join('|', patterns)})$";
}

/// <summary>One user's permissions on the broker's only virtual host: regular expressions over exchange and queue names.</summary>
public sealed record BrokerPermissions(string Configure, string Write, string Read)
{
    public static readonly BrokerPermissions All = new(".*", ".*", ".*");
}
