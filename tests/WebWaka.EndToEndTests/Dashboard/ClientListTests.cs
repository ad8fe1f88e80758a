using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>A partner admin uses the dashboard in a browser: signs in, finds its clients.</summary>
[Collection(SystemCollection.Name)]
public sealed class ClientListTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_partner_admin_signs_in_and_finds_its_clients_by_name_and_status_and_never_another_partners()
    {
        var partner = await system.CreatePartnerAsync("Browser Agency");
        var other = await system.CreatePartnerAsync("Hidden Agency");
        var first = $"shop-{Guid.NewGuid():N}"[..20];
        var second = $"farm-{Guid.NewGuid():N}"[..20];
        var hidden = $"hide-{Guid.NewGuid():N}"[..20];
        foreach (var (owner, slug) in new[] { (partner, first), (partner, second), (other, hidden) })
        {
            Assert.Equal("Completed", (await owner.Admin.ProvisionAsync(ClientPlatforms.Request(slug))).GetProperty("status").GetString());
        }

        (await partner.Admin.PostAsync($"/api/partner/clients/{(await ClientIdAsync(partner, second))}/suspend", null)).EnsureSuccessStatusCode();

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(system);
        await page.GotoAsync("/partner/clients");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2Fpartner%2Fclients", RegexOptions.IgnoreCase));

        await page.SignInAsync(partner.AdminEmail, "not the password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or the password is not right.");

        await page.SignInAsync(partner.AdminEmail, RealPartners.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/partner/clients$"));
        var rows = page.Locator("tbody tr");
        await Expect(rows.Filter(new() { HasText = first })).ToContainTextAsync("Active");
        await Expect(rows.Filter(new() { HasText = second })).ToContainTextAsync("Suspended");
        await Expect(rows.Filter(new() { HasText = hidden })).ToHaveCountAsync(0);

        await page.GetByLabel("Search by name or slug").FillAsync(first);
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(first);

        await page.GetByLabel("Search by name or slug").FillAsync(hidden);
        await Expect(page.GetByText("No client matches.")).ToBeVisibleAsync();
    }

    private static async Task<Guid> ClientIdAsync(RealPartner partner, string slug) =>
        (await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients?search={slug}"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
}
