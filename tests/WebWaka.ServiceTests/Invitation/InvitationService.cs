using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using WebWaka.Invitation.Data;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Invitation;

/// <summary>Starts the Invitation service in the test process on the shared infrastructure, and waits until it is ready.</summary>
public static class InvitationService
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The key the Tenant service would share with this one, to call its internal endpoints.</summary>
    public const string TenantServiceKey = "the-tenant-service-key-for-the-invitation-service-tests";

    public static async Task<WebApplicationFactory<InvitationDbContext>> StartAsync(
        InfrastructureFixture infrastructure, string database, string mail, string partnerApiUrl, ConsumedMessages consumed)
    {
        var service = new WebApplicationFactory<InvitationDbContext>().WithWebHostBuilder(host => host
            .UseSetting("ConnectionStrings:invitationdb", database)
            .UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMqConnectionString)
            .UseSetting("ConnectionStrings:mail", mail)
            .UseSetting("services:partner-api:http:0", partnerApiUrl)
            .UseSetting("ServiceIdentity:Name", "invitation-api")
            .UseSetting("ServiceIdentity:Callers:tenant-api", TenantServiceKey)
            .ConfigureTestServices(services => services.AddConsumeObserver(_ => consumed)));
        var client = service.CreateClient();
        // Healthy means migrated and the bus's queues bound: a message published from now on reaches the consumers.
        await Eventually.GetAsync(async () =>
        {
            using var health = await client.GetAsync("/health");
            return health.StatusCode;
        }, status => status == HttpStatusCode.OK, Patience, "the Invitation service healthy");
        return service;
    }
}
