using Microsoft.Playwright;
using WebWaka.Testing;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>
/// A real browser (the machine's Chromium, driven by Playwright; no browser is downloaded) on the system's gateway,
/// as a person opens the dashboard: a fresh profile per user. Closing it fails the test if any page it opened broke the
/// gateway's content security policy: whatever the policy blocks, a person's browser blocks too.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _blocked = new();

    private Browser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<Browser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        // No sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        return new Browser(playwright, browser);
    }

    /// <summary>A page of a new browser profile (its own cookies), at <paramref name="width"/> pixels wide.</summary>
    public async Task<IPage> NewPageAsync(DistributedAppFixture system, int width = 1280)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = system.Gateway.BaseAddress!.ToString(), ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _blocked.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        Assert.True(_blocked.IsEmpty, "The content security policy blocked:" + Environment.NewLine + string.Join(Environment.NewLine, _blocked));
    }
}

public static class DashboardPages
{
    /// <summary>A new page, its admin signed in as a person does, on the partner's client list.</summary>
    public static async Task<IPage> SignedInAsync(this Browser browser, DistributedAppFixture system, RealPartner partner)
    {
        var page = await browser.NewPageAsync(system);
        await page.GotoAsync("/partner/clients");
        await page.SignInAsync(partner.AdminEmail, RealPartners.AdminPassword);
        return page;
    }

    /// <summary>Fills the sign-in form as a person does, by its labels, and submits it.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
