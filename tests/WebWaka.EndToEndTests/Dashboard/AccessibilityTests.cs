using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using WebWaka.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>
/// Every main page, checked by axe-core against WCAG 2.1 A and AA (labels, names, contrast, structure) at 375 pixels
/// wide, where nothing may stick out sideways. With WEBWAKA_SCREENSHOTS set to a folder, each page is photographed
/// there (the README's pictures).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AccessibilityTests(DistributedAppFixture system)
{
    private const int PhoneWidth = 375;
    private static readonly string? Screenshots = Environment.GetEnvironmentVariable("WEBWAKA_SCREENSHOTS");

    [Fact]
    public async Task The_public_partner_and_operator_pages_meet_WCAG_2_1_AA_at_375_pixels()
    {
        var partner = await system.CreatePartnerAsync("Accessible Agency");
        var slug = $"a11y-{Guid.NewGuid():N}"[..20];
        var tenantId = (await partner.Admin.ProvisionAsync(ClientPlatforms.Request(slug))).GetProperty("tenantId").GetGuid();
        await using var browser = await Browser.LaunchAsync();
        var problems = new List<string>();

        var visitor = await browser.NewPageAsync(system, PhoneWidth);
        foreach (var (path, name) in new[] { ("/", "home"), ("/find-a-partner", "find-a-partner"), ("/become-a-partner", "become-a-partner"), ("/sign-in", "sign-in") })
        {
            problems.AddRange(await CheckAsync(visitor, path, name));
        }

        var admin = await browser.NewPageAsync(system, PhoneWidth);
        await admin.GotoAsync("/sign-in");
        await admin.SignInAsync(partner.AdminEmail, RealPartners.AdminPassword);
        foreach (var (path, name) in new[]
                 {
                     ("/partner/clients", "clients"), ("/partner/clients/new", "create-client-platform"), ($"/partner/clients/{tenantId}", "client"),
                     ("/partner/signup-links", "signup-links"), ("/partner/team", "team"), ("/partner/profile", "profile"), ("/partner/audit", "audit"),
                     ("/partner/api-keys", "api-keys"), ("/partner/limits", "limits"),
                 })
        {
            problems.AddRange(await CheckAsync(admin, path, name));
        }

        var platformOperator = await browser.NewPageAsync(system, PhoneWidth);
        await platformOperator.GotoAsync("/sign-in");
        await platformOperator.SignInAsync(DevelopmentAccounts.SuperAdminEmail, DevelopmentAccounts.SuperAdminPassword);
        foreach (var (path, name) in new[] { ("/operator/partners", "operator-partners"), ("/operator/applications", "operator-applications"), ("/operator/audit", "operator-audit") })
        {
            problems.AddRange(await CheckAsync(platformOperator, path, name));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>What axe finds wrong with the page once it has loaded, and whether it is wider than the phone.</summary>
    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string path, string name)
    {
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        // A table says "Loading clients…" until its first page came over the page's live connection, which the
        // network's idleness does not show: checked before, axe would judge the table empty.
        await Expect(page.GetByText(new Regex("^Loading"))).ToHaveCountAsync(0);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (Screenshots is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }

        var found = new List<string>();
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > PhoneWidth)
        {
            found.Add($"{path}: {width} pixels wide at {PhoneWidth}");
        }

        var axe = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        found.AddRange(axe.Violations.Select(v =>
            $"{path}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target.ToString()))}"));
        return found;
    }
}
