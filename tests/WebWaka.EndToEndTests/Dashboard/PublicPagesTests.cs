using System.Net.Http.Json;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>A visitor of the public pages: finds a partner, or applies to become one.</summary>
[Collection(SystemCollection.Name)]
public sealed class PublicPagesTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_visitor_finds_a_listed_partner_by_what_it_does_and_suite_and_applies_to_become_one()
    {
        var partner = await system.CreatePartnerAsync("Visible Agency");
        var unique = $"bakeries-{Guid.NewGuid():N}"[..20];
        (await partner.Admin.PutAsJsonAsync("/api/partner/profile", new
        {
            description = $"We run {unique} in Abuja.", regions = new[] { "Abuja" }, suites = new[] { "commerce" }, listedInDirectory = true,
        })).EnsureSuccessStatusCode();

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(system, width: 375);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Find a Partner" }).First.ClickAsync();
        await page.GetByLabel("Name or what they do").FillAsync(unique);
        await page.GetByLabel("Suite").SelectOptionAsync("commerce");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = unique });
        await Expect(card.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Visible Agency");
        await Expect(card).ToContainTextAsync("Abuja");
        await Expect(card).ToContainTextAsync("Commerce");

        await page.GetByLabel("Name or what they do").FillAsync($"{unique}-nobody");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("No partner matches.")).ToBeVisibleAsync();

        var organisation = $"Applicant {Guid.NewGuid():N}"[..20];
        var contact = $"apply-{Guid.NewGuid():N}@applicant.example";
        await page.GetByRole(AriaRole.Link, new() { Name = "Become a Partner" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByText("Enter your organisation's name.")).ToBeVisibleAsync();
        await page.GetByLabel("Organisation").FillAsync(organisation);
        await page.GetByLabel("Your name").FillAsync("Founder");
        await page.GetByLabel("Your email").FillAsync(contact);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"We emailed {contact} an acknowledgement");

        // The operator reviews it in the browser.
        var review = await browser.NewPageAsync(system);
        await review.GotoAsync("/operator/applications");
        await review.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        await review.GetByRole(AriaRole.Link, new() { Name = organisation }).ClickAsync();
        await Expect(review.GetByRole(AriaRole.Heading, new() { Name = organisation, Level = 1 })).ToBeVisibleAsync();
        await Expect(review.GetByText(contact)).ToBeVisibleAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var dialog = review.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("Slug")).ToHaveValueAsync(organisation.ToLowerInvariant().Replace(' ', '-'));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(review.GetByText("Approved", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(review.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);

        // The applicant is a partner now, and is invited to run it.
        await system.AcceptInvitationAsync(contact, "Founder", RealPartners.AdminPassword);
        await review.GetByRole(AriaRole.Link, new() { Name = "Partners" }).ClickAsync();
        await review.GetByLabel("Search by name or slug").FillAsync(organisation);
        await Expect(review.GetByRole(AriaRole.Row).Filter(new() { HasText = organisation })).ToContainTextAsync("Active");
    }
}
