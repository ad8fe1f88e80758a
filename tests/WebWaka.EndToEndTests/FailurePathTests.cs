using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>
/// A Create Client Platform that cannot finish leaves nothing behind, checked where it would be: the four
/// databases and the mail catcher.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FailurePathTests(DistributedAppFixture system)
{
    private async Task<long> CountAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(await system.ConnectionStringAsync(database));
        await connection.OpenAsync();
        return (long)(await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_email_the_mail_server_never_takes_ends_INVITATION_NOT_SENT_undoes_everything_and_frees_the_slug()
    {
        var partner = await system.CreatePartnerAsync("Unlucky Agency");
        var slug = $"unsent-{Guid.NewGuid():N}"[..24];
        var admin = ClientPlatforms.AdminOf(slug);

        // The mail server goes down, as an operator's Stop in the dashboard does it.
        await system.App.ResourceCommands.ExecuteCommandAsync("mail", "stop");
        await system.States.WaitUntilAsync(s => s.Single(r => r.Resource.Name == "mail").State() is "Exited" or "Finished",
            TimeSpan.FromSeconds(30), "the mail catcher stopped");
        JsonElement status;
        try
        {
            status = await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug));
        }
        finally
        {
            await system.App.ResourceCommands.ExecuteCommandAsync("mail", "start");
            await system.States.WaitUntilAsync(s => s.Single(r => r.Resource.Name == "mail").Snapshot.HealthStatus is Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
                TimeSpan.FromSeconds(60), "the mail catcher back");
        }

        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Equal("INVITATION_NOT_SENT", status.GetProperty("failure").GetProperty("code").GetString());
        var tenantId = status.GetProperty("tenantId").GetGuid();
        await Eventually.GetAsync(() => CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE id = '{tenantId}' AND status = 'ProvisioningFailed'"),
            count => count == 1, TimeSpan.FromSeconds(15), "the tenant marked ProvisioningFailed");
        await Eventually.GetAsync(() => CountAsync("instancedb", $"SELECT count(*) FROM instances WHERE tenant_id = '{tenantId}'"),
            count => count == 0, TimeSpan.FromSeconds(15), "the instance removed");
        await Eventually.GetAsync(() => CountAsync("invitationdb", $"SELECT count(*) FROM invitations WHERE email = '{admin}' AND status = 'Pending'"),
            count => count == 0, TimeSpan.FromSeconds(15), "no pending invitation");
        Assert.Equal(0, await CountAsync("invitationdb", $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.InvitationSent,%' AND body->>'email' = '{admin}'"));
        Assert.Equal(1, await CountAsync("partnerdb", $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.ClientPlatformCreationFailed,%' AND body->>'provisioningId' = '{status.GetProperty("provisioningId").GetGuid()}'"));
        using (var inbox = system.Mail())
        {
            Assert.Empty(await inbox.ToAsync(admin));
        }

        // The slug is free again: the same client, asked for once the mail server is back, is created and invited.
        var again = await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug));
        Assert.Equal("Completed", again.GetProperty("status").GetString());
        using var inboxAgain = system.Mail();
        await Eventually.GetAsync(() => inboxAgain.ToAsync(admin), found => found.Count == 1, TimeSpan.FromSeconds(15), "the invitation email");
    }
}
