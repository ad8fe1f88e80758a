using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>A partner invites its client's admins: invite, send again with a new token, revoke; another partner finds none.</summary>
[Collection(SystemCollection.Name)]
public sealed class ClientInvitationTests(DistributedAppFixture system)
{
    private async Task<string> TokenMailedToAsync(string email, int count)
    {
        using var inbox = system.Mail();
        var mails = await Eventually.GetAsync(() => inbox.ToAsync(email), found => found.Count >= count, TimeSpan.FromSeconds(20), $"email {count} to {email}");
        return RealPartners.AcceptLink().Match(mails[^1].Text).Groups["token"].Value;
    }

    [Fact]
    public async Task A_partner_invites_another_client_admin_resends_with_a_new_token_and_revokes()
    {
        var partner = await system.CreatePartnerAsync("Inviting Agency");
        var slug = $"invite-{Guid.NewGuid():N}"[..24];
        var status = await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug));
        var tenantId = status.GetProperty("tenantId").GetGuid();
        var invitations = $"/api/partner/clients/{tenantId}/invitations";
        var deputy = $"deputy-{Guid.NewGuid():N}@clients.example";

        using var invited = await partner.Admin.PostAsJsonAsync(invitations, new { email = deputy, name = "Deputy", role = "TENANT_ADMIN" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Pending", "TENANT_ADMIN"), (invitation.GetProperty("status").GetString(), invitation.GetProperty("role").GetString()));
        var invitationId = invitation.GetProperty("id").GetGuid();
        var firstToken = await TokenMailedToAsync(deputy, 1);

        await ProblemAssert.IsProblemAsync(await partner.Admin.PostAsJsonAsync(invitations, new { email = deputy.ToUpperInvariant() }),
            HttpStatusCode.Conflict, "INVITATION_PENDING");
        await ProblemAssert.IsProblemAsync(await partner.Admin.PostAsJsonAsync(invitations, new { email = "boss@clients.example", role = "PARTNER_ADMIN" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        // Sent again: a second email with a new token; the first opens nothing any more.
        (await partner.Admin.PostAsync($"{invitations}/{invitationId}/resend", null)).EnsureSuccessStatusCode();
        var secondToken = await TokenMailedToAsync(deputy, 2);
        Assert.NotEqual(firstToken, secondToken);
        await ProblemAssert.IsProblemAsync(await system.Gateway.GetAsync($"/api/invitations/{firstToken}"), HttpStatusCode.NotFound, "INVITATION_NOT_FOUND");
        using (var stale = await system.Gateway.PostAsJsonAsync($"/api/invitations/{firstToken}/accept", new { name = "Deputy", password = RealPartners.AdminPassword }))
        {
            await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.NotFound, "INVITATION_NOT_FOUND");
        }

        (await system.Gateway.PostAsJsonAsync($"/api/invitations/{secondToken}/accept", new { name = "Deputy", password = RealPartners.AdminPassword }))
            .EnsureSuccessStatusCode();
        var signedIn = await system.SignInAsync(deputy, RealPartners.AdminPassword);
        Assert.NotNull(signedIn);
        await ProblemAssert.IsProblemAsync(await partner.Admin.DeleteAsync($"{invitations}/{invitationId}"), HttpStatusCode.Conflict, "INVITATION_ALREADY_USED");

        // Another invitation, revoked before it is used: its emailed token is refused as revoked.
        var late = $"late-{Guid.NewGuid():N}@clients.example";
        var lateId = (await (await partner.Admin.PostAsJsonAsync(invitations, new { email = late })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var lateToken = await TokenMailedToAsync(late, 1);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.Admin.DeleteAsync($"{invitations}/{lateId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await partner.Admin.DeleteAsync($"{invitations}/{lateId}")).StatusCode);
        await ProblemAssert.IsProblemAsync(await system.Gateway.GetAsync($"/api/invitations/{lateToken}"), HttpStatusCode.Gone, "INVITATION_REVOKED");
        await ProblemAssert.IsProblemAsync(await partner.Admin.PostAsync($"{invitations}/{lateId}/resend", null), HttpStatusCode.Conflict, "INVITATION_NOT_PENDING");

        var list = await partner.Admin.GetFromJsonAsync<JsonElement>(invitations);
        var statuses = list.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("email").GetString()!, i => i.GetProperty("status").GetString());
        Assert.Equal("Accepted", statuses[deputy]);
        Assert.Equal("Revoked", statuses[late]);
        Assert.Equal("Pending", statuses[ClientPlatforms.AdminOf(slug)]);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.TryGetProperty("token", out _) || i.TryGetProperty("tokenHash", out _));

        var trail = await Eventually.GetAsync(() => partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?entity=invitation"),
            page => page.GetProperty("total").GetInt32() >= 4, TimeSpan.FromSeconds(15), "the invitation changes in the trail");
        Assert.Equal(["revoked", "created", "resent", "created"], trail.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Another_partner_finds_none_of_a_clients_invitations_and_a_suspended_client_gets_no_new_ones()
    {
        var owner = await system.CreatePartnerAsync("Owning Agency");
        var stranger = await system.CreatePartnerAsync("Prying Agency");
        var tenantId = (await owner.Admin.ProvisionAsync(ClientPlatforms.Request($"guard-{Guid.NewGuid():N}"[..24]))).GetProperty("tenantId").GetGuid();
        var invitations = $"/api/partner/clients/{tenantId}/invitations";
        var invitationId = (await owner.Admin.GetFromJsonAsync<JsonElement>(invitations)).GetProperty("items")[0].GetProperty("id").GetGuid();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, invitations), (HttpMethod.Post, invitations), (HttpMethod.Post, $"{invitations}/{invitationId}/resend"),
            (HttpMethod.Delete, $"{invitations}/{invitationId}"),
        })
        {
            using var response = await stranger.Admin.SendAsync(new HttpRequestMessage(method, path)
            {
                Content = method == HttpMethod.Post ? JsonContent.Create(new { email = "spy@stranger.example" }) : null,
            });
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "NOT_FOUND");
        }

        Assert.Equal("Pending", (await owner.Admin.GetFromJsonAsync<JsonElement>(invitations)).GetProperty("items")[0].GetProperty("status").GetString());

        (await owner.Admin.PostAsync($"/api/partner/clients/{tenantId}/suspend", null)).EnsureSuccessStatusCode();
        // The Invitation service learns of the suspension from the Tenant service's event.
        await Eventually.GetAsync(async () =>
            {
                using var response = await owner.Admin.PostAsJsonAsync(invitations, new { email = $"late-{Guid.NewGuid():N}@clients.example" });
                return response.IsSuccessStatusCode ? "created" : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
            },
            code => code == "CLIENT_READ_ONLY", TimeSpan.FromSeconds(15), "no new invitation to a suspended client");
    }
}
