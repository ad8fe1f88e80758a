using WebWaka.Testing;

namespace WebWaka.ServiceTests;

/// <summary>One PostgreSQL server and one RabbitMQ node for every service test.</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "infrastructure";
}
