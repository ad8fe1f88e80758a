using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>
/// A Create Client Platform that cannot finish leaves nothing behind, checked where it would be: the four
/// databases and the mail catcher; and what it asked for (its slug, its domain) is free again.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FailurePathTests(DistributedAppFixture system)
{
    private static string NewSlug(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A request whose admin is its own, so that what was sent to that admin tells this request apart.</summary>
    private static (object Body, string Admin) Request(string slug, string? domain = null)
    {
        var admin = $"{NewSlug("admin")}@clients.example";
        return (ClientPlatforms.Request(slug, domain, admin), admin);
    }

    private async Task<long> CountAsync(string database, string sql) => (long)(await system.QueryAsync(database, sql))!;

    /// <summary>Does <paramref name="work"/> while a resource is stopped, as an operator's Stop in the dashboard does it, then starts it again.</summary>
    private async Task<T> WhileStoppedAsync<T>(string resource, Func<Task<T>> work)
    {
        await system.App.ResourceCommands.ExecuteCommandAsync(resource, "stop");
        await system.States.WaitUntilAsync(s => s.Single(r => r.Resource.Name == resource).State() is "Exited" or "Finished",
            TimeSpan.FromSeconds(30), $"{resource} stopped");
        try
        {
            return await work();
        }
        finally
        {
            await system.App.ResourceCommands.ExecuteCommandAsync(resource, "start");
            await system.States.WaitUntilAsync(s => s.Single(r => r.Resource.Name == resource).Snapshot.HealthStatus is HealthStatus.Healthy,
                TimeSpan.FromSeconds(60), $"{resource} back");
        }
    }

    /// <summary>
    /// The flow failed with <paramref name="code"/> and, once its undoing has run, nothing of it is left: no tenant that
    /// is or may become active, no instance, no domain, no pending invitation, no InvitationSent, no email; the
    /// Partner service announced the failure once.
    /// </summary>
    private async Task AssertFailedLeavingNothingAsync(JsonElement status, string code, string admin)
    {
        Assert.Equal("Failed", status.GetProperty("status").GetString());
        Assert.Equal(code, status.GetProperty("failure").GetProperty("code").GetString());
        var provisioningId = status.GetProperty("provisioningId").GetGuid();

        if (status.TryGetProperty("tenantId", out var tenant) && tenant.ValueKind == JsonValueKind.String)
        {
            var tenantId = tenant.GetGuid();
            await Eventually.GetAsync(() => CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE id = '{tenantId}' AND status <> 'ProvisioningFailed'"),
                count => count == 0, TimeSpan.FromSeconds(15), "its tenant never active");
            await Eventually.GetAsync(() => CountAsync("instancedb", $"SELECT count(*) FROM instances WHERE tenant_id = '{tenantId}'"),
                count => count == 0, TimeSpan.FromSeconds(15), "no instance of its tenant");
            Assert.Equal(0, await CountAsync("instancedb", $"SELECT count(*) FROM domains WHERE tenant_id = '{tenantId}'"));
        }

        await Eventually.GetAsync(() => CountAsync("invitationdb", $"SELECT count(*) FROM invitations WHERE email = '{admin}' AND status = 'Pending'"),
            count => count == 0, TimeSpan.FromSeconds(15), "no pending invitation");
        Assert.Equal(0, await CountAsync("invitationdb",
            $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.InvitationSent,%' AND body->>'email' = '{admin}'"));
        Assert.Equal(1, await CountAsync("partnerdb",
            $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.ClientPlatformCreationFailed,%' AND body->>'provisioningId' = '{provisioningId}'"));
        using var inbox = system.Mail();
        Assert.Empty(await inbox.ToAsync(admin));
    }

    [Fact]
    public async Task A_taken_slug_ends_SLUG_TAKEN_leaves_nothing_and_never_held_its_domain()
    {
        var partner = await system.CreatePartnerAsync("Slug Agency");
        var slug = NewSlug("taken");
        Assert.Equal("Completed", (await partner.Admin.ProvisionAsync(Request(slug).Body)).GetProperty("status").GetString());
        var domain = $"{NewSlug("shop")}.example.com";
        var (body, admin) = Request(slug, domain);

        var status = await partner.Admin.ProvisionAsync(body);

        await AssertFailedLeavingNothingAsync(status, "SLUG_TAKEN", admin);
        Assert.Equal(["Failed", "Skipped", "Skipped", "Skipped"], status.GetProperty("steps").EnumerateArray().Select(step => step.GetProperty("status").GetString()));
        Assert.Equal(1, await CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug = '{slug}'"));
        Assert.Equal(0, await CountAsync("instancedb", $"SELECT count(*) FROM domains WHERE hostname = '{domain}'"));
        Assert.Equal("Completed", (await partner.Admin.ProvisionAsync(Request(NewSlug("other"), domain).Body)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_taken_domain_ends_DOMAIN_TAKEN_leaves_nothing_and_frees_the_slug()
    {
        var partner = await system.CreatePartnerAsync("Domain Agency");
        var domain = $"{NewSlug("shop")}.example.com";
        var first = await partner.Admin.ProvisionAsync(Request(NewSlug("first"), domain).Body);
        Assert.Equal("Completed", first.GetProperty("status").GetString());
        // The first client proves the domain is its own: from then on it is taken.
        var instances = $"/api/partner/clients/{first.GetProperty("tenantId").GetGuid()}/instances";
        var instanceId = (await partner.Admin.GetFromJsonAsync<JsonElement>(instances)).GetProperty("items")[0].GetProperty("id").GetGuid();
        var claim = await partner.Admin.GetFromJsonAsync<JsonElement>($"{instances}/{instanceId}/domains/{domain}");
        await system.SetTxtRecordsAsync($"_webwaka-challenge.{domain}", claim.GetProperty("verification").GetProperty("value").GetString()!);
        (await partner.Admin.PostAsync($"{instances}/{instanceId}/domains/{domain}/verify", null)).EnsureSuccessStatusCode();
        var slug = NewSlug("second");
        var (body, admin) = Request(slug, domain);

        var status = await partner.Admin.ProvisionAsync(body);

        await AssertFailedLeavingNothingAsync(status, "DOMAIN_TAKEN", admin);
        Assert.Equal(1, await CountAsync("instancedb", $"SELECT count(*) FROM domains WHERE hostname = '{domain}'"));
        Assert.Equal("Completed", (await partner.Admin.ProvisionAsync(Request(slug).Body)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_email_the_mail_server_never_takes_ends_INVITATION_NOT_SENT_undoes_everything_and_frees_the_slug()
    {
        var partner = await system.CreatePartnerAsync("Unlucky Agency");
        var slug = NewSlug("unsent");
        var (body, admin) = Request(slug);

        // The mail server goes down, as an operator's Stop in the dashboard does it.
        var status = await WhileStoppedAsync("mail", () => partner.Admin.ProvisionAsync(body));

        await AssertFailedLeavingNothingAsync(status, "INVITATION_NOT_SENT", admin);
        Assert.Equal(1, await CountAsync("tenantdb", $"SELECT count(*) FROM tenants WHERE slug = '{slug}' AND status = 'ProvisioningFailed'"));

        // The slug is free again: the same client, asked for once the mail server is back, is created and invited.
        var again = await partner.Admin.ProvisionAsync(body);
        Assert.Equal("Completed", again.GetProperty("status").GetString());
        using var inbox = system.Mail();
        await Eventually.GetAsync(() => inbox.ToAsync(admin), found => found.Count == 1, TimeSpan.FromSeconds(15), "the invitation email");
    }

    [Fact]
    public async Task A_step_that_never_answers_ends_STEP_TIMED_OUT_and_what_it_does_once_back_is_undone()
    {
        var partner = await system.CreatePartnerAsync("Patient Agency");
        var slug = NewSlug("late");
        var (body, admin) = Request(slug);

        // The Instance service goes down, so CreateInstance waits in its queue past the step's deadline.
        var status = await WhileStoppedAsync("instance-api", () => partner.Admin.ProvisionAsync(body));

        Assert.Equal([("CreateTenant", "Undone"), ("CreateInstance", "Failed"), ("InviteAdmin", "Skipped"), ("ActivateTenant", "Skipped")],
            status.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("status").GetString())));
        // Back, the Instance service makes the instance it was asked for: the flow, failed, has it removed at once.
        var tenantId = status.GetProperty("tenantId").GetGuid();
        await Eventually.GetAsync(() => CountAsync("instancedb",
                $"SELECT count(*) FROM outbox_messages WHERE message_type LIKE 'WebWaka.Contracts.InstanceRemoved,%' AND body->>'tenantId' = '{tenantId}'"),
            count => count == 1, TimeSpan.FromSeconds(30), "the late instance made and removed");
        await AssertFailedLeavingNothingAsync(status, "STEP_TIMED_OUT", admin);

        var again = await partner.Admin.ProvisionAsync(body);
        Assert.Equal("Completed", again.GetProperty("status").GetString());
    }
}
