using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>The invitation email's link, opened in a browser: what it is for, a name and a password, and signed in.</summary>
[Collection(SystemCollection.Name)]
public sealed class InvitationPageTests(DistributedAppFixture system)
{
    [Fact]
    public async Task An_invited_client_admin_opens_the_emailed_link_sets_a_password_and_is_signed_in_once()
    {
        var partner = await system.CreatePartnerAsync("Inviting Browser Agency");
        var slug = $"join-{Guid.NewGuid():N}"[..20];
        Assert.Equal("Completed", (await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug))).GetProperty("status").GetString());
        using var inbox = system.Mail();
        var mail = await Eventually.GetAsync(() => inbox.ToAsync(ClientPlatforms.AdminOf(slug)), m => m.Count > 0, TimeSpan.FromSeconds(20), "the invitation");
        var link = RealPartners.AcceptLink().Match(mail[0].Text);
        Assert.True(link.Success);

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(system);
        await page.GotoAsync(link.Value);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Join Client {slug}" })).ToBeVisibleAsync();
        await Expect(page.GetByText(ClientPlatforms.AdminOf(slug))).ToBeVisibleAsync();

        await page.GetByLabel("Your name").FillAsync("Ada Obi");
        await page.GetByLabel("Password (10 characters at least)").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
        await Expect(page.GetByText("At least 10 characters.")).ToBeVisibleAsync();

        await page.GetByLabel("Password (10 characters at least)").FillAsync("Client-Admin-Pass-42");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept and sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.GetByText($"Signed in as {ClientPlatforms.AdminOf(slug)}")).ToBeVisibleAsync();

        var again = await browser.NewPageAsync(system);
        await again.GotoAsync(link.Value);
        await Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("accepted already");
    }
}
