using System.Net.Http.Json;
using System.Text.Json;
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
        await Expect(page.GetByLabel("Invitations", new() { Exact = true }).GetByRole(AriaRole.Row).Filter(new() { HasText = ClientPlatforms.AdminOf(slug) })).ToContainTextAsync("Pending");
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

    [Fact]
    public async Task A_partner_runs_a_clients_instances_from_its_page_suites_branding_a_proved_domain_another_instance_and_another_admin()
    {
        var partner = await system.CreatePartnerAsync("Running Agency");
        var slug = $"run-{Guid.NewGuid():N}"[..20];
        var hostname = $"{slug}.shop.example";
        var tenantId = (await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug))).GetProperty("tenantId").GetGuid();
        // Another client of the same partner, changed too: its entries stay out of this client's trail.
        var other = (await partner.Admin.ProvisionAsync(ClientPlatforms.Request($"other-{Guid.NewGuid():N}"[..20]))).GetProperty("tenantId").GetGuid();
        (await partner.Admin.PostAsync($"/api/partner/clients/{other}/suspend", null)).EnsureSuccessStatusCode();

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Client {slug}" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);

        await page.GetByRole(AriaRole.Button, new() { Name = "Suites of Main" }).ClickAsync();
        await dialog.GetByText("Health: Run clinics and pharmacies.").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save suites" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText("health", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Branding of Main" }).ClickAsync();
        await dialog.GetByLabel("Display name").FillAsync("Corner Pharmacy");
        await dialog.GetByLabel("Accent colour (#RRGGBB)").FillAsync("orange");
        await Expect(dialog.GetByLabel("Preview")).ToContainTextAsync("Corner Pharmacy");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save branding" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Some fields need correcting.");
        await dialog.GetByLabel("Accent colour (#RRGGBB)").FillAsync("#FFA500");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save branding" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText("Shown as Corner Pharmacy")).ToBeVisibleAsync();

        // A domain: the TXT record to publish, refused until it is published, then verified and primary.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add domain to Main" }).ClickAsync();
        await dialog.GetByLabel("Domain", new() { Exact = true }).FillAsync(hostname);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add domain" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var record = page.GetByText($"Publish a TXT record _webwaka-challenge.{hostname} with the value");
        await Expect(record).ToBeVisibleAsync();
        var value = await record.Locator("code").Nth(1).InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Expect(page.GetByText("The TXT record is not there yet")).ToBeVisibleAsync();
        await system.SetTxtRecordsAsync($"_webwaka-challenge.{hostname}", value);
        await Eventually.GetAsync(async () =>
        {
            // The background check may verify it first: then the button has gone, which is as good.
            if (await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).IsVisibleAsync())
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
            }

            return await page.GetByText($"{hostname} (primary)").IsVisibleAsync();
        }, verified => verified, TimeSpan.FromSeconds(30), "the domain verified on the page");
        await Expect(page.GetByText("Verified", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Add instance" }).ClickAsync();
        await dialog.GetByLabel("Instance name").FillAsync("Second branch");
        await dialog.GetByText("Commerce: Sell in store and online.").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add instance" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second branch", Level = 3 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Second branch" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second branch", Level = 3 })).ToHaveCountAsync(0);
        // The last instance cannot be removed, so it is not offered.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove Main" })).ToHaveCountAsync(0);

        var second = $"second-admin@{slug}.example";
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite an admin" }).ClickAsync();
        await dialog.GetByLabel("Their name").FillAsync("Second Admin");
        await dialog.GetByLabel("Their email").FillAsync(second);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByLabel("Invitations", new() { Exact = true }).GetByRole(AriaRole.Row).Filter(new() { HasText = second })).ToContainTextAsync("Pending");
        using var inbox = system.Mail();
        await Eventually.GetAsync(() => inbox.ToAsync(second), mail => mail.Count == 1, TimeSpan.FromSeconds(20), "the second admin's invitation");

        // Its audit trail: everything above, written from the bus, and nothing of the other client.
        await Eventually.GetAsync(() => partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/audit?clientId={tenantId}&entity=invitation"),
            trail => trail.GetProperty("total").GetInt32() == 1, TimeSpan.FromSeconds(20), "the invitation in the client's trail");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh the audit trail" }).ClickAsync();
        var trail = page.GetByLabel("Audit trail", new() { Exact = true });
        foreach (var change in new[] { "provisioning requested", "instance suites-changed", "instance branding-changed", "domain added", "domain verified", "instance created", "instance removed", "invitation created" })
        {
            await Expect(trail).ToContainTextAsync(change);
        }

        await Expect(trail).Not.ToContainTextAsync("client suspended");
    }
}
