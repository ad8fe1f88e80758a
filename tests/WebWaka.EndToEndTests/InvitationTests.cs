using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests;

/// <summary>Invitations by real email: the invited admin accepts once, then signs in.</summary>
[Collection(SystemCollection.Name)]
public sealed class InvitationTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_new_partners_admin_gets_the_invitation_email_accepts_it_once_and_signs_in()
    {
        var admin = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        var slug = $"invited-{Guid.NewGuid():N}"[..24];
        var owner = $"owner@{slug}.example";
        using var created = await admin.PostAsJsonAsync("/api/admin/partners", new
        {
            name = "Invited Agency", slug, contactEmail = $"hello@{slug}.example", listedInDirectory = false, admin = new { email = owner, name = "Owner" },
        });
        var partnerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        using var inbox = system.Mail();
        var mail = await Eventually.GetAsync(() => inbox.ToAsync(owner), found => found.Count > 0, TimeSpan.FromSeconds(15), "the invitation email");
        var token = RealPartners.AcceptLink().Match(Assert.Single(mail).Text).Groups["token"].Value;
        Assert.NotEmpty(token);

        var invitation = await system.Gateway.GetFromJsonAsync<JsonElement>($"/api/invitations/{token}");
        Assert.Equal(owner, invitation.GetProperty("email").GetString());
        Assert.Equal("PARTNER_ADMIN", invitation.GetProperty("role").GetString());

        using var accepted = await system.Gateway.PostAsJsonAsync($"/api/invitations/{token}/accept", new { name = "Owner", password = "Correct-Horse-42" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        var signedIn = await system.SignInAsync(owner, "Correct-Horse-42");
        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/partner/me");
        Assert.Equal(partnerId, me.GetProperty("id").GetGuid());

        using var again = await system.Gateway.PostAsJsonAsync($"/api/invitations/{token}/accept", new { name = "Thief", password = "Another-Pass-99" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("INVITATION_ALREADY_USED", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var thief = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email = owner, password = "Another-Pass-99" });
        Assert.Equal(HttpStatusCode.Unauthorized, thief.StatusCode);
    }
}
