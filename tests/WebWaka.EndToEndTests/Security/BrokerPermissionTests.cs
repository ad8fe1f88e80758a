using System.Text;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using WebWaka.Contracts;
using WebWaka.Contracts.PartnerFirst;
using WebWaka.Testing;
using static WebWaka.Identity.ServiceNames;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// The bus as an attacker who got hold of a broker password, or none, would use it: each service has a user of its own
/// that may publish only what that service publishes and read only its own queues, and a service's consumers take only
/// what came through a message type's own exchange. Forged commands are refused and create nothing.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BrokerPermissionTests(DistributedAppFixture system)
{
    [Fact]
    public async Task Nobody_connects_without_a_users_own_password_and_there_is_no_guest()
    {
        var broker = await system.BrokerAsync(Partner);
        foreach (var (user, password) in new[] { ("guest", "guest"), (Partner, "not-its-password"), (Partner, ""), ("", "") })
        {
            var factory = new ConnectionFactory { HostName = broker.Host, Port = broker.Port, UserName = user, Password = password };
            await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync());
        }
    }

    [Fact]
    public async Task A_service_cannot_publish_another_services_messages_nor_read_or_tap_its_queues()
    {
        var forged = Encoding.UTF8.GetBytes("""{"message":"forged"}""");
        // Commands only the Partner service sends, from the services that receive or never send them.
        await RefusedAsync(Instance, channel => channel.BasicPublishAsync("WebWaka.Contracts:CreateTenant", "", true, forged).AsTask());
        await RefusedAsync(Invitation, channel => channel.BasicPublishAsync("WebWaka.Contracts:CreateTenant", "", true, forged).AsTask());
        await RefusedAsync(Tenant, channel => channel.BasicPublishAsync("WebWaka.Contracts:SendInvitation", "", true, forged).AsTask());
        // Straight into another service's queue: through the exchange in front of it, or the default exchange by its name.
        await RefusedAsync(Instance, channel => channel.BasicPublishAsync("invitation-api.send-invitation", "", true, forged).AsTask());
        await RefusedAsync(Tenant, channel => channel.BasicPublishAsync("", "invitation-api.send-invitation", true, forged).AsTask());
        // Another service's events, which it owns alone, and a fault only the invitation service raises (it ends a flow).
        await RefusedAsync(Tenant, channel => channel.BasicPublishAsync("WebWaka.Contracts:InvitationSent", "", true, forged).AsTask());
        await RefusedAsync(Tenant, channel => channel.BasicPublishAsync("MassTransit:Fault--WebWaka.Contracts:SendInvitation--", "", true, forged).AsTask());
        // Reading another service's queue, or tapping the invitations (names and emails) with a queue of its own.
        await RefusedAsync(Instance, channel => channel.BasicGetAsync("invitation-api.send-invitation", autoAck: true));
        await RefusedAsync(Instance, channel => channel.QueueDeclareAsync("tap", durable: false, exclusive: true, autoDelete: true));
        await RefusedAsync(Instance, async channel =>
        {
            await channel.QueueDeclareAsync("instance-api.tap", durable: false, exclusive: true, autoDelete: true);
            await channel.QueueBindAsync("instance-api.tap", "WebWaka.Contracts:SendInvitation", "");
        });
    }

    [Fact]
    public async Task A_CreateTenant_for_an_active_partner_sent_into_the_tenant_services_own_queue_with_its_own_password_creates_nothing()
    {
        // Everything in it is what the Partner service would send for this partner: only the way in is forged.
        var partner = await system.CreatePartnerAsync("Queue Agency");
        var tenantId = Guid.NewGuid();
        await SendIntoOwnQueueAsync(Tenant, "tenant-api.create-tenant",
            new CreateTenant(Guid.NewGuid(), tenantId, partner.Id, nameof(TenantCreator.Partner), "Forged Client", $"forged-{tenantId:N}"[..30]));

        await SkippedAsync("tenant-api.create-tenant_skipped", tenantId);
        Assert.Equal(0L, await system.QueryAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE id = '{tenantId}'"));
        Assert.Equal(0L, await system.QueryAsync("tenantdb", $"SELECT count(*) FROM outbox_messages WHERE body->>'tenantId' = '{tenantId}'"));
    }

    [Fact]
    public async Task A_SendInvitation_sent_into_the_invitation_services_own_queue_with_its_own_password_sends_nothing()
    {
        var partner = await system.CreatePartnerAsync("Mail Agency");
        var invitationId = Guid.NewGuid();
        var victim = $"victim-{Guid.NewGuid():N}@forged.example";
        await SendIntoOwnQueueAsync(Invitation, "invitation-api.send-invitation",
            new SendInvitation(invitationId, victim, "Victim", "PARTNER_ADMIN", partner.Id, null, null));

        await SkippedAsync("invitation-api.send-invitation_skipped", invitationId);
        Assert.Equal(0L, await system.QueryAsync("invitationdb", $"SELECT count(*) FROM invitations WHERE id = '{invitationId}' OR email = '{victim}'"));
        using var mail = system.Mail();
        Assert.Empty(await mail.ToAsync(victim));
    }

    /// <summary>Tries <paramref name="attempt"/> as <paramref name="user"/>; the broker must close the channel with 403 ACCESS_REFUSED.</summary>
    private async Task RefusedAsync(string user, Func<IChannel, Task> attempt)
    {
        await using var connection = await new ConnectionFactory { Uri = await system.BrokerAsync(user) }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await Assert.ThrowsAnyAsync<Exception>(() => attempt(channel));
        Assert.Equal((ushort)403, channel.CloseReason?.ReplyCode);
    }

    /// <summary>Sends a message, as MassTransit would, to the exchange in front of a service's own queue, as that service.</summary>
    private async Task SendIntoOwnQueueAsync<T>(string user, string queue, T message) where T : class
    {
        var bus = await system.StartBusAsync(asUser: user);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"exchange:{queue}"));
            await endpoint.Send(message);
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    /// <summary>Waits until the consumer has refused the message with <paramref name="id"/>: it is in the queue's skipped queue.</summary>
    private async Task SkippedAsync(string skippedQueue, Guid id)
    {
        await using var connection = await new ConnectionFactory { Uri = await system.BrokerAsync() }.CreateConnectionAsync();
        var seen = new List<string>();
        await Eventually.GetAsync(async () =>
        {
            // The skipped queue is made with the first message skipped; asking for it before closes the channel with 404.
            await using var channel = await connection.CreateChannelAsync();
            try
            {
                while (await channel.BasicGetAsync(skippedQueue, autoAck: true) is { } message)
                {
                    seen.Add(Encoding.UTF8.GetString(message.Body.Span));
                }
            }
            catch (OperationInterruptedException notYet) when (notYet.ShutdownReason?.ReplyCode == 404)
            {
            }

            return seen.Any(body => body.Contains(id.ToString()));
        }, found => found, TimeSpan.FromSeconds(15), $"the forged message in {skippedQueue}");
    }
}
