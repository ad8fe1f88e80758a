using Microsoft.Playwright;

namespace WebWaka.EndToEndTests.Dashboard;

/// <summary>
/// A person who uses no mouse: they reach things with Tab alone, and each must show a focus ring. Counts the mouse
/// clicks the page receives, so a test can prove there were none.
/// </summary>
public sealed class KeyboardOnly
{
    private const int MostTabs = 60;

    // A click a mouse made has a click count; Enter and Space on a control fire clicks with none.
    private const string CountMouseClicks =
        "() => { window.__mouseClicks ??= 0; addEventListener('click', e => { if (e.detail > 0) window.__mouseClicks++; }, true); }";

    // An outline drawn on what has the focus, or on a checkbox's box (its input is invisible by design).
    private const string FocusRingShown = """
        e => {
            const ring = el => { const s = getComputedStyle(el); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; };
            const box = e.closest('.mud-checkbox');
            return ring(e) || (!!box && [...box.querySelectorAll('svg')].some(ring));
        }
        """;

    private readonly IPage _page;

    private KeyboardOnly(IPage page) => _page = page;

    public static async Task<KeyboardOnly> StartAsync(IPage page)
    {
        await page.EvaluateAsync(CountMouseClicks);
        return new KeyboardOnly(page);
    }

    public Task<int> MouseClicksAsync() => _page.EvaluateAsync<int>("() => window.__mouseClicks");

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, and checks the focus ring is drawn on it.</summary>
    public async Task TabToAsync(ILocator target)
    {
        await target.WaitForAsync();
        for (var presses = 0; presses < MostTabs; presses++)
        {
            await _page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                Assert.True(await target.EvaluateAsync<bool>(FocusRingShown), $"No focus ring is drawn on {target}.");
                return;
            }
        }

        Assert.Fail($"{MostTabs} presses of Tab never reached {target}.");
    }
}
