using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>A client signs up in a browser through a partner's signup link, and appears in that partner's list.</summary>
[Collection(SystemCollection.Name)]
public sealed class SignUpPageTests(DistributedAppFixture system)
{
    [Fact]
    public async Task A_client_signs_up_through_a_partners_link_watches_it_provisioned_and_appears_in_the_partners_list()
    {
        var partner = await system.CreatePartnerAsync("Linking Agency");
        using var created = await partner.Admin.PostAsJsonAsync("/api/partner/signup-links", new { name = "Website" });
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var organisation = $"Signup {Guid.NewGuid():N}"[..18];
        var slug = organisation.ToLowerInvariant().Replace(' ', '-');

        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(system, width: 375);
        await page.GotoAsync($"/signup/{token}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign up with Linking Agency" })).ToBeVisibleAsync();
        await page.GetByLabel("Your organisation").FillAsync(organisation);
        await Expect(page.GetByLabel("Web address (slug)")).ToHaveValueAsync(slug);
        await page.GetByLabel("What you need").SelectOptionAsync("health");
        await page.GetByLabel("Your name").FillAsync("Founder");
        await page.GetByLabel("Your email").FillAsync(ClientPlatforms.AdminOf(slug));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your platform is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var clients = await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients?search={slug}");
        var client = Assert.Single(clients.GetProperty("items").EnumerateArray());
        Assert.Equal(partner.Id, client.GetProperty("createdByPartnerId").GetGuid());

        await page.GotoAsync("/signup/not-a-link");
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
    }
}
