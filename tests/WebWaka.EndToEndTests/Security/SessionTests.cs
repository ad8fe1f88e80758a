using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests.Security;

/// <summary>
/// Signed-in sessions as their holder and a thief would use them: access tokens are short-lived, a session's refresh
/// token renews them until the session is signed out, and renews nothing for a suspended partner's people or a removed
/// user; a guessed or tampered refresh token opens nothing.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SessionTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_session_renews_its_access_token_until_it_is_signed_out_and_a_guessed_one_opens_nothing()
    {
        var partner = await system.CreatePartnerAsync("Session Agency");
        var signedIn = await SignInAsync(partner.AdminEmail);
        var refreshToken = signedIn.GetProperty("refreshToken").GetString()!;

        var renewed = await RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var token = await renewed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(refreshToken, token.GetProperty("refreshToken").GetString());
        using var renewedClient = system.ClientWithToken(token.GetProperty("accessToken").GetString()!);
        Assert.Equal(partner.Id, (await renewedClient.GetFromJsonAsync<JsonElement>("/api/partner/me")).GetProperty("id").GetGuid());

        foreach (var guess in new[] { refreshToken[..^4] + "AAAA", $"wwr_{Guid.NewGuid():N}_{refreshToken[37..]}", "wwr_nonsense" })
        {
            await ProblemAssert.IsProblemAsync(await RefreshAsync(guess), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        await ProblemAssert.IsProblemAsync(await system.Gateway.PostAsJsonAsync("/api/auth/refresh", new { }), HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        Assert.Equal(HttpStatusCode.NoContent, (await system.Gateway.PostAsJsonAsync("/api/auth/sign-out", new { refreshToken })).StatusCode);
        await ProblemAssert.IsProblemAsync(await RefreshAsync(refreshToken), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_suspended_partners_session_renews_nothing_until_reactivated_and_a_removed_users_session_ends()
    {
        var partner = await system.CreatePartnerAsync("Renewing Agency");
        var member = $"member-{Guid.NewGuid():N}@{partner.Slug}.example";
        (await partner.Admin.PostAsJsonAsync("/api/partner/users/invitations", new { email = member, name = "Member" })).EnsureSuccessStatusCode();
        await system.AcceptInvitationAsync(member, "Member", RealPartners.AdminPassword);
        var refreshToken = (await SignInAsync(member)).GetProperty("refreshToken").GetString()!;

        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/suspend", null)).EnsureSuccessStatusCode();
        await ProblemAssert.IsProblemAsync(await RefreshAsync(refreshToken), HttpStatusCode.Forbidden, "PARTNER_NOT_ACTIVE");
        (await operatorClient.PostAsync($"/api/admin/partners/{partner.Id}/activate", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(refreshToken)).StatusCode);

        var users = await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/users");
        var memberId = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == member).GetProperty("id").GetString();
        // The reactivation reaches the gateway and every service within seconds, as the suspension did.
        await Eventually.GetAsync(() => partner.Admin.DeleteAsync($"/api/partner/users/{memberId}"),
            response => response.StatusCode == HttpStatusCode.NoContent, TimeSpan.FromSeconds(15), "the member removed by the reactivated partner");
        await ProblemAssert.IsProblemAsync(await RefreshAsync(refreshToken), HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    private async Task<JsonElement> SignInAsync(string email)
    {
        using var response = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email, password = RealPartners.AdminPassword });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) => system.Gateway.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });
}
