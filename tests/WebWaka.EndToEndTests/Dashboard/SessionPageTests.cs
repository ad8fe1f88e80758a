using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>The dashboard's session: its access token renewed with the session's refresh token, and ended on sign-out.</summary>
[Collection(SystemCollection.Name)]
public sealed class SessionPageTests(DistributedAppFixture system)
{
    [Fact]
    public async Task The_dashboard_renews_its_token_from_the_session_and_signing_out_ends_the_session()
    {
        var partner = await system.CreatePartnerAsync("Signed In Agency");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clients", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("No clients yet.")).ToBeVisibleAsync();

        // The system under test renews before every call: the clients page's call went out with a renewed token.
        var sessions = $"SELECT count(*) FROM sign_in_sessions s JOIN users u ON u.id = s.user_id WHERE u.email = '{partner.AdminEmail}'";
        Assert.Equal(1L, await system.QueryAsync("partnerdb", $"{sessions} AND s.last_refreshed_at IS NOT NULL AND s.ended_at IS NULL"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Equal(1L, await system.QueryAsync("partnerdb", $"{sessions} AND s.last_refreshed_at IS NOT NULL AND s.ended_at IS NOT NULL"));
        Assert.Equal(0L, await system.QueryAsync("partnerdb", $"{sessions} AND s.last_refreshed_at IS NOT NULL AND s.ended_at IS NULL"));
    }
}
