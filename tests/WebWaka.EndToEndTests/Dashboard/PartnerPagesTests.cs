using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>A partner admin runs the business in the browser: team, signup links, API keys, limits, public profile and audit.</summary>
[Collection(SystemCollection.Name)]
public sealed class PartnerPagesTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_partner_invites_a_team_member_who_joins_and_is_then_removed_and_can_no_longer_sign_in()
    {
        var partner = await system.CreatePartnerAsync("Team Agency");
        var member = $"colleague-{Guid.NewGuid():N}@{partner.Slug}.example";
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await page.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
        var admins = page.GetByLabel("Admins", new() { Exact = true });
        var invitations = page.GetByLabel("Invitations", new() { Exact = true });
        await Expect(admins.GetByRole(AriaRole.Row).Filter(new() { HasText = partner.AdminEmail })).ToBeVisibleAsync();
        // Removing oneself is not offered.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Remove {partner.AdminEmail}" })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Invite a team member" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Their name").FillAsync("Colleague");
        await dialog.GetByLabel("Their email").FillAsync(member);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).DblClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(invitations.GetByRole(AriaRole.Row).Filter(new() { HasText = member })).ToHaveCountAsync(1);
        await Expect(invitations.GetByRole(AriaRole.Row).Filter(new() { HasText = member })).ToContainTextAsync("Pending");

        await system.AcceptInvitationAsync(member, "Colleague", RealPartners.AdminPassword);
        await page.ReloadAsync();
        await Expect(invitations.GetByRole(AriaRole.Row).Filter(new() { HasText = member })).ToContainTextAsync("Accepted");
        await Expect(invitations.GetByRole(AriaRole.Row).Filter(new() { HasText = member })).ToContainTextAsync(new Regex(@"accepted \d{1,2} \w{3} \d{4}"));
        await admins.GetByRole(AriaRole.Button, new() { Name = $"Remove {member}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Remove {member}" })).ToHaveCountAsync(0);

        var signIn = await browser.NewPageAsync(system);
        await signIn.GotoAsync("/sign-in");
        await signIn.SignInAsync(member, RealPartners.AdminPassword);
        await Expect(signIn.GetByRole(AriaRole.Alert)).ToContainTextAsync("The email or the password is not right.");
    }

    [Fact]
    public async Task A_partner_makes_a_signup_link_its_page_works_until_disabled_and_the_audit_shows_both()
    {
        var partner = await system.CreatePartnerAsync("Link Maker Agency");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await page.GetByRole(AriaRole.Link, new() { Name = "Signup links" }).ClickAsync();
        await Expect(page.GetByText("No signup links yet.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New signup link" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Trade fair");
        await dialog.GetByLabel("Sign-ups allowed (optional)").FillAsync("3");
        await dialog.GetByText("Education: Run schools and training centres.").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Trade fair" });
        await Expect(row).ToContainTextAsync("Active");
        await Expect(row).ToContainTextAsync("0 of 3");
        var address = await row.GetByRole(AriaRole.Link).InnerTextAsync();
        Assert.Matches("/signup/[A-Za-z0-9_-]+$", address);

        var visitor = await browser.NewPageAsync(system, width: 375);
        await visitor.GotoAsync(address);
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Sign up with Link Maker Agency" })).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable Trade fair" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Disabled");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await visitor.ReloadAsync();
        await Expect(visitor.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();

        // The trail is written from the bus: wait until it holds both, then read them on the page.
        await Eventually.GetAsync(() => partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/audit?entity=signup-link"),
            trail => trail.GetProperty("total").GetInt32() == 2, TimeSpan.FromSeconds(20), "the link's two entries in the audit trail");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "signup-link disabled" })).ToContainTextAsync(partner.AdminEmail);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "signup-link created" })).ToContainTextAsync("Trade fair");
    }

    [Fact]
    public async Task A_partner_writes_its_public_profile_and_Find_a_Partner_shows_it_once_listed()
    {
        var partner = await system.CreatePartnerAsync("Profile Agency");
        var unique = $"orchards-{Guid.NewGuid():N}"[..20];
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await page.GetByRole(AriaRole.Link, new() { Name = "Public profile" }).ClickAsync();

        await page.GetByLabel("What you do").FillAsync($"We run {unique} platforms.");
        await page.GetByLabel("Website").FillAsync("not a website");
        await page.GetByLabel("Regions you serve").FillAsync("Kano, Kaduna");
        await page.GetByText("Health: Run clinics and pharmacies.").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByText("An http or https URL.")).ToBeVisibleAsync();

        await page.GetByLabel("Website").FillAsync("https://profile.example");
        await page.GetByText("List us in Find a Partner").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "See it in Find a Partner" }).ClickAsync();

        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = unique });
        await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Profile Agency");
        await Expect(card).ToContainTextAsync("Kano");
        await Expect(card).ToContainTextAsync("Health");
    }

    [Fact]
    public async Task A_partner_makes_an_API_key_is_shown_it_once_sees_it_used_and_revokes_it()
    {
        var partner = await system.CreatePartnerAsync("Key Page Agency");
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Expect(page.GetByText("No API keys yet.")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New API key" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Deploy pipeline");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        var key = await page.GetByLabel("Your new API key").InputValueAsync();
        Assert.StartsWith("wwk_", key);
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Deploy pipeline" });
        await Expect(row).ToContainTextAsync("Active");

        using var pipeline = system.ClientWithToken(key);
        (await pipeline.GetAsync("/api/partner/clients")).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        // Shown once: after a reload only its use is.
        await Expect(page.GetByLabel("Your new API key")).ToHaveCountAsync(0);
        await Expect(row).ToContainTextAsync("UTC");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke Deploy pipeline" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row).ToContainTextAsync("Revoked");
        await Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pipeline.GetAsync("/api/partner/clients")).StatusCode);
    }

    [Fact]
    public async Task The_operator_gives_a_partner_limits_of_its_own_and_the_partner_sees_them()
    {
        var partner = await system.CreatePartnerAsync("Limited Agency");
        await using var browser = await Browser.LaunchAsync();
        var platformOperator = await browser.NewPageAsync(system);
        await platformOperator.GotoAsync("/operator/partners");
        await platformOperator.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        await platformOperator.GetByLabel("Search by name or slug").FillAsync(partner.Slug);
        await platformOperator.GetByRole(AriaRole.Row).Filter(new() { HasText = partner.Slug }).GetByRole(AriaRole.Button, new() { Name = "Limits of Limited Agency" })
            .ClickAsync();
        var dialog = platformOperator.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Client platforms started a minute").FillAsync("7");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        var page = await browser.SignedInAsync(system, partner);
        await page.GetByRole(AriaRole.Link, new() { Name = "Limits" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Client platforms started a minute" })).ToContainTextAsync("7");
        // The partner reads its limits; changing them is WebWaka's.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save limits" })).ToHaveCountAsync(0);
    }
}
