using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RabbitMQ.Client;
using WebWaka.Contracts;
using WebWaka.Testing;

namespace WebWaka.ServiceTests.Invitation;

/// <summary>With the mail server down, the invitation is kept but unsent, and the message is retried, each time with a new token.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class InvitationMailFailureTests(InfrastructureFixture infrastructure)
{
    // Nothing listens on port 1: a mail server that is down.
    private const string DownMailServer = "Endpoint=smtp://127.0.0.1:1";

    [Fact]
    public async Task A_failed_email_is_retried_with_a_new_token_and_the_invitation_stays_unsent()
    {
        var database = await infrastructure.CreateDatabaseAsync("invitation");
        var message = new SendInvitation(Guid.NewGuid(), $"ada.{Guid.NewGuid():N}@example.com", "Ada Obi", Roles.PartnerAdmin, Guid.NewGuid(),
            TenantId: null, ProvisioningId: null, "Ada Consulting");
        await using (var service = await InvitationService.StartAsync(infrastructure, database, DownMailServer, "http://127.0.0.1:1", new ConsumedMessages()))
        {
            await service.Services.GetRequiredService<IBus>().Publish(message);

            var first = await Eventually.GetAsync(() => InvitationAsync(database, message.InvitationId), row => row is not null,
                InvitationService.Patience, "the invitation saved");
            var retried = await Eventually.GetAsync(() => InvitationAsync(database, message.InvitationId), row => row?.TokenHash != first!.TokenHash,
                InvitationService.Patience, "a retry with a new token");

            Assert.False(first!.EmailSent);
            Assert.False(retried!.EmailSent);
            // Nothing says it was sent while it was not.
            Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.InvitationSent,%'"));
        }

        // The stopped service handed the message back to its queue; no later test should receive it.
        var broker = new ConnectionFactory { Uri = new Uri(infrastructure.RabbitMqConnectionString) };
        await using var connection = await broker.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueuePurgeAsync("invitation-api.send-invitation");
    }

    private sealed record InvitationRow(string TokenHash, bool EmailSent);

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return await new NpgsqlCommand(sql, connection).ExecuteScalarAsync();
    }

    private static async Task<InvitationRow?> InvitationAsync(string database, Guid id)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT token_hash, email_sent_at IS NOT NULL FROM invitations WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new InvitationRow(reader.GetString(0), reader.GetBoolean(1)) : null;
    }
}
