using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>The platform operator in the browser: adds, suspends and activates partners, turns an application down, reads the audit.</summary>
[Collection(SystemCollection.Name)]
public sealed class OperatorPagesTests(DistributedAppFixture system)
{
    private async Task<IPage> OperatorPageAsync(Browser browser)
    {
        var page = await browser.NewPageAsync(system);
        await page.GotoAsync("/sign-in");
        await page.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partners", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task The_operator_adds_a_partner_whose_admin_is_invited_then_suspends_and_activates_it_and_the_audit_shows_it()
    {
        var name = $"Added {Guid.NewGuid():N}"[..18];
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        var admin = $"first-admin@{slug}.example";
        await using var browser = await Browser.LaunchAsync();
        var page = await OperatorPageAsync(browser);

        await page.GetByRole(AriaRole.Button, new() { Name = "Add partner" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Organisation").FillAsync(name);
        await Expect(dialog.GetByLabel("Slug")).ToHaveValueAsync(slug);
        await dialog.GetByLabel("Contact email").FillAsync("not an email");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add partner" }).ClickAsync();
        // The API's own checks, field by field, in the dialog that stays open.
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Some fields need correcting.");
        await Expect(dialog).ToContainTextAsync("email");

        await dialog.GetByLabel("Contact email").FillAsync($"hello@{slug}.example");
        await dialog.GetByLabel("First admin's name").FillAsync("First Admin");
        await dialog.GetByLabel("First admin's email").FillAsync(admin);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add partner" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await system.AcceptInvitationAsync(admin, "First Admin", RealPartners.AdminPassword);

        await page.GetByLabel("Search by name or slug").FillAsync(name);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToContainTextAsync("Active");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Suspend {name}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("can no longer sign in or change anything");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Suspended");

        // Suspended for real: its admin cannot sign in.
        using (var signIn = await system.Gateway.PostAsJsonAsync("/api/auth/token", new { email = admin, password = RealPartners.AdminPassword }))
        {
            await ProblemAssert.IsProblemAsync(signIn, HttpStatusCode.Forbidden, "PARTNER_NOT_ACTIVE");
        }

        await row.GetByRole(AriaRole.Button, new() { Name = $"Activate {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Activate" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Active");

        // The trail is written from the bus: wait until it holds all three, then read them on the page.
        var operatorClient = await system.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        var partnerId = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/admin/partners?search={slug}")).GetProperty("items")[0].GetProperty("id").GetGuid();
        await Eventually.GetAsync(() => operatorClient.GetFromJsonAsync<JsonElement>($"/api/admin/audit?partnerId={partnerId}&entity=partner"),
            trail => trail.GetProperty("total").GetInt32() == 3, TimeSpan.FromSeconds(20), "created, suspended and activated in the audit trail");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "partner suspended" }).First).ToContainTextAsync("status: Active → Suspended");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "partner activated" }).First).ToContainTextAsync(DevelopmentAccounts.SuperAdminEmail);
        // A moment in a change reads as the page's other dates do.
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "partner created" }).First)
            .ToContainTextAsync(new Regex(@"createdAt: \d{1,2} \w{3} \d{4} \d{2}:\d{2}:\d{2}"));
    }

    [Fact]
    public async Task The_operator_rejects_an_application_with_a_reason_the_applicant_is_emailed()
    {
        var contact = $"turned-down-{Guid.NewGuid():N}@applicant.example";
        var organisation = $"Declined {Guid.NewGuid():N}"[..20];
        (await system.Gateway.PostAsJsonAsync("/api/public/partner-applications",
            new { organisationName = organisation, contactName = "Hopeful", contactEmail = contact })).EnsureSuccessStatusCode();

        await using var browser = await Browser.LaunchAsync();
        var page = await OperatorPageAsync(browser);
        await page.GetByRole(AriaRole.Link, new() { Name = "Applications" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = organisation }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("Some fields need correcting.");

        await dialog.GetByLabel("Reason").FillAsync("We serve West Africa only for now.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByText("Rejected", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("We serve West Africa only for now.")).ToBeVisibleAsync();

        using var inbox = system.Mail();
        await Eventually.GetAsync(() => inbox.ToAsync(contact), mail => mail.Any(m => m.Text.Contains("We serve West Africa only for now.")),
            TimeSpan.FromSeconds(20), "the rejection email with its reason");
    }

    [Fact]
    public async Task A_partner_admin_is_shown_no_operator_page()
    {
        var partner = await system.CreatePartnerAsync("Curious Agency");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Partners" })).ToHaveCountAsync(0);

        await page.GotoAsync("/operator/partners");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not for your account" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add partner" })).ToHaveCountAsync(0);
    }
}
