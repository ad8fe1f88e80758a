using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>A partner's own team: another admin invited, accepted and signed in; removed, and then refused everywhere.</summary>
[Collection(SystemCollection.Name)]
public sealed class TeamTests(DistributedAppFixture system)
{
    private async Task<string> InvitationTokenAsync(string email)
    {
        using var inbox = system.Mail();
        var mail = await Eventually.GetAsync(() => inbox.ToAsync(email), found => found.Count > 0, TimeSpan.FromSeconds(20), $"the invitation to {email}");
        return RealPartners.AcceptLink().Match(mail[^1].Text).Groups["token"].Value;
    }

    [Fact]
    public async Task An_admin_invites_a_colleague_who_joins_and_once_removed_is_refused_by_the_gateway_and_every_service()
    {
        var partner = await system.CreatePartnerAsync("Team Agency");
        var colleague = $"colleague-{Guid.NewGuid():N}@team.example";

        using (var invited = await partner.Admin.PostAsJsonAsync("/api/partner/users/invitations", new { email = colleague, name = "Colleague" }))
        {
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
            Assert.Equal("PARTNER_ADMIN", (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        }

        var token = await InvitationTokenAsync(colleague);
        Assert.Contains("Team Agency", (await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/invitations/{token}")).GetProperty("organisationName").GetString());
        (await system.Gateway.PostAsJsonAsync($"/api/invitations/{token}/accept", new { name = "Colleague", password = RealPartners.AdminPassword })).EnsureSuccessStatusCode();
        var colleagueClient = await system.SignInAsync(colleague, RealPartners.AdminPassword);
        Assert.Equal(partner.Id, (await colleagueClient.GetFromJsonAsync<JsonElement>("/api/partner/me")).GetProperty("id").GetGuid());

        var team = await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/users");
        Assert.Equal([partner.AdminEmail, colleague], team.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()));
        var colleagueId = team.GetProperty("items")[1].GetProperty("id").GetGuid();
        var ownerId = team.GetProperty("items")[0].GetProperty("id").GetGuid();

        // Another partner cannot see or remove either of them.
        var stranger = await system.CreatePartnerAsync("Poaching Agency");
        await ProblemAssert.IsProblemAsync(await stranger.Admin.DeleteAsync($"/api/partner/users/{colleagueId}"), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.DoesNotContain((await stranger.Admin.GetFromJsonAsync<JsonElement>("/api/partner/users")).GetProperty("items").EnumerateArray(),
            u => u.GetProperty("id").GetGuid() == colleagueId);

        Assert.Equal(HttpStatusCode.NoContent, (await partner.Admin.DeleteAsync($"/api/partner/users/{colleagueId}")).StatusCode);

        // The colleague's token is refused within seconds, through the gateway and at a service called directly.
        using var direct = system.AroundTheGateway("tenant-api", colleagueClient);
        await Eventually.GetAsync(() => colleagueClient.GetAsync("/api/partner/me"), r => r.StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15), "the removed admin's token refused by the gateway");
        await Eventually.GetAsync(() => direct.GetAsync("/api/partner/clients"), r => r.StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(15), "the removed admin's token refused by the tenant service");
        using (var signIn = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email = colleague, password = RealPartners.AdminPassword }))
        {
            await ProblemAssert.IsProblemAsync(signIn, HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        }

        // The owner still works, and is the last admin: never removed.
        await ProblemAssert.IsProblemAsync(await partner.Admin.DeleteAsync($"/api/partner/users/{ownerId}"), HttpStatusCode.Conflict, "LAST_ADMIN");
        Assert.Equal(HttpStatusCode.OK, (await partner.Admin.GetAsync("/api/partner/me")).StatusCode);

        var trail = await Eventually.GetAsync(() => partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?entity=user"),
            page => page.GetProperty("total").GetInt32() >= 1, TimeSpan.FromSeconds(15), "the removal in the trail");
        Assert.Equal(colleague, trail.GetProperty("items")[0].GetProperty("before").GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_team_invitation_can_be_revoked_and_a_client_admin_role_is_not_offered()
    {
        var partner = await system.CreatePartnerAsync("Careful Agency");
        var invitee = $"maybe-{Guid.NewGuid():N}@team.example";
        await ProblemAssert.IsProblemAsync(await partner.Admin.PostAsJsonAsync("/api/partner/users/invitations", new { email = invitee, role = "TENANT_ADMIN" }),
            HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var invitationId = (await (await partner.Admin.PostAsJsonAsync("/api/partner/users/invitations", new { email = invitee }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var token = await InvitationTokenAsync(invitee);

        Assert.Equal(HttpStatusCode.NoContent, (await partner.Admin.DeleteAsync($"/api/partner/users/invitations/{invitationId}")).StatusCode);

        await ProblemAssert.IsProblemAsync(await system.Gateway.GetAsync($"/api/invitations/{token}"), HttpStatusCode.Gone, "INVITATION_REVOKED");
        var invitations = await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/users/invitations");
        // The first admin's invitation (accepted) and this one (revoked).
        Assert.Equal(["Revoked", "Accepted"], invitations.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
    }
}
