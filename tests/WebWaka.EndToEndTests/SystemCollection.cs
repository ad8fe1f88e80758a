using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>The whole system, booted once for the tests that only read from it or add to it.</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<DistributedAppFixture>
{
    public const string Name = "system";
}
