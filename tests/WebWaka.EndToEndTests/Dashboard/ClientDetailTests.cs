using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>A partner opens one of its clients: its instance, suites and pending invitation, and its lifecycle behind confirmations.</summary>
[Collection(SystemCollection.Name)]
public sealed class ClientDetailTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_partner_suspends_activates_and_archives_a_client_with_confirmations_and_is_offered_only_legal_moves()
    {
        var partner = await system.CreatePartnerAsync("Lifecycle Agency");
        var slug = $"life-{Guid.NewGuid():N}"[..20];
        Assert.Equal("Completed", (await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug))).GetProperty("status").GetString());

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Client {slug}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Client {slug}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Main", Level = 3 })).ToBeVisibleAsync();
        await Expect(page.GetByText("commerce", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = ClientPlatforms.AdminOf(slug) })).ToContainTextAsync("Pending");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Activate" })).ToHaveCountAsync(0);

        // Cancelled: nothing happens.
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Suspend" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Activate" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Suspend" })).ToHaveCountAsync(0);
        await Expect(page.GetByText("Suspended", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Suspend" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("cannot be undone");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByText("Archived", new() { Exact = true })).ToBeVisibleAsync();
        foreach (var action in new[] { "Suspend", "Activate", "Archive" })
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = action })).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Another_partner_pasting_a_clients_address_gets_a_not_found_page()
    {
        var owner = await system.CreatePartnerAsync("Pasted Agency");
        var stranger = await system.CreatePartnerAsync("Pasting Agency");
        var tenantId = (await owner.Admin.ProvisionAsync(ClientPlatforms.Request($"paste-{Guid.NewGuid():N}"[..20]))).GetProperty("tenantId").GetGuid();

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(system);
        await page.GotoAsync($"/partner/clients/{tenantId}");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in", RegexOptions.IgnoreCase));
        await page.SignInAsync(stranger.AdminEmail, RealPartners.AdminPassword);

        await Expect(page).ToHaveURLAsync(new Regex($"/partner/clients/{tenantId}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Client not found", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("not yours to see")).ToBeVisibleAsync();
    }
}
