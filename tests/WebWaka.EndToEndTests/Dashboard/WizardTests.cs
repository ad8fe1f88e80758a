using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>Create Client Platform in the browser: the wizard, then every provisioning step's progress.</summary>
[Collection(SystemCollection.Name)]
public sealed class WizardTests(DistributedAppFixture system)
{
    private static async Task FillWizardAsync(IPage page, string name, string? slug, string adminEmail)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Create client platform" }).ClickAsync();
        await page.GetByLabel("Client's name").FillAsync(name);
        // The slug follows the name until it is written over.
        await Expect(page.GetByLabel("Slug (its web address)")).ToHaveValueAsync(name.ToLowerInvariant().Replace(' ', '-'));
        if (slug is not null)
        {
            await page.GetByLabel("Slug (its web address)").FillAsync(slug);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByText("Commerce: Sell in store and online.").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Commerce: Sell in store and online." })).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Display name").FillAsync($"{name} Shop");
        await page.GetByLabel("Primary colour (#RRGGBB)").FillAsync("#112233");
        await Expect(page.GetByLabel("Preview")).ToContainTextAsync($"{name} Shop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByLabel("Admin's name").FillAsync("Ada Obi");
        await page.GetByLabel("Admin's email").FillAsync(adminEmail);
    }

    [Fact]
    public async Task A_partner_creates_a_client_in_the_wizard_sees_every_step_completed_and_a_double_click_creates_one()
    {
        var partner = await system.CreatePartnerAsync("Wizard Agency");
        var name = $"Wizard {Guid.NewGuid():N}"[..16];
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);

        await FillWizardAsync(page, name, slug: null, ClientPlatforms.AdminOf(slug));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Back" })).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client platform" }).DblClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var steps = page.GetByRole(AriaRole.Listitem);
        await Expect(steps).ToHaveCountAsync(4);
        foreach (var step in await steps.AllInnerTextsAsync())
        {
            Assert.EndsWith("completed", step);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the client" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText($"Shown as {name} Shop")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Invitations", new() { Exact = true }).GetByRole(AriaRole.Row).Filter(new() { HasText = ClientPlatforms.AdminOf(slug) })).ToContainTextAsync("Pending");
        Assert.Equal(1, (await partner.Admin.GetFromJsonAsync<JsonElement>($"/api/partner/clients?search={slug}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_wizard_run_that_ends_SLUG_TAKEN_says_so_in_words_and_leaves_no_client()
    {
        var partner = await system.CreatePartnerAsync("Unlucky Wizard Agency");
        var slug = $"taken-{Guid.NewGuid():N}"[..20];
        Assert.Equal("Completed", (await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug))).GetProperty("status").GetString());
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);

        await FillWizardAsync(page, "Second Try", slug, "second@clients.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client platform" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Second Try could not be created" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That web address (slug) is taken. Choose another.");
        var clients = await partner.Admin.GetFromJsonAsync<JsonElement>("/api/partner/clients?status=Active");
        Assert.Equal([$"Client {slug}"], clients.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_wizard_can_be_completed_with_the_keyboard_alone()
    {
        var partner = await system.CreatePartnerAsync("Keyboard Agency");
        var name = $"Keys {Guid.NewGuid():N}"[..14];
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.SignedInAsync(system, partner);
        var keyboard = await KeyboardOnly.StartAsync(page);

        await keyboard.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Create client platform" }));
        await page.Keyboard.PressAsync("Enter");
        await keyboard.TabToAsync(page.GetByLabel("Client's name"));
        await page.Keyboard.TypeAsync(name);
        await keyboard.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Next" }));
        await page.Keyboard.PressAsync("Enter");

        var commerce = page.GetByRole(AriaRole.Checkbox, new() { Name = "Commerce: Sell in store and online." });
        await keyboard.TabToAsync(commerce);
        await page.Keyboard.PressAsync("Space");
        await Expect(commerce).ToBeCheckedAsync();
        await keyboard.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Next" }));
        await page.Keyboard.PressAsync("Enter");

        await keyboard.TabToAsync(page.GetByLabel("Display name"));
        await page.Keyboard.TypeAsync($"{name} Shop");
        await keyboard.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Next" }));
        await page.Keyboard.PressAsync("Enter");

        await keyboard.TabToAsync(page.GetByLabel("Admin's name"));
        await page.Keyboard.TypeAsync("Ada Obi");
        await keyboard.TabToAsync(page.GetByLabel("Admin's email"));
        await page.Keyboard.TypeAsync(ClientPlatforms.AdminOf(slug));
        await keyboard.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create client platform" }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} is ready" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await keyboard.TabToAsync(page.GetByRole(AriaRole.Link, new() { Name = "Open the client" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(0, await keyboard.MouseClicksAsync());
    }
}
