namespace WebWaka.AppHost.Hosting;

/// <summary>
/// A value the application is configured with, as Aspire's parameters: from configuration
/// (<c>Parameters__{name}</c>) when given, otherwise, for a secret, generated once and kept in the data folder.
/// </summary>
public sealed class ParameterResource(string name, bool secret, string? configuredValue) : Resource(name)
{
    public override string Kind => "Parameter";

    public bool Secret { get; } = secret;

    public string GetValue(ResourceContext context) =>
        configuredValue ?? (Secret ? context.GetOrCreateSecret(Name, bytes: 32) : throw new InvalidOperationException($"Parameters__{Name} is not set."));
}
