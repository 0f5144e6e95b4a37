using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Infrastructure;

public static class PageChecks
{
    private static readonly string ScreenshotDir =
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "artifacts", "screenshots");

    /// <summary>Runs axe with the WCAG 2.1 A/AA rules and fails on any violation, listing each.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        if (IsWithoutScript(page))
        {
            // axe is a script; the same page is scanned in the JavaScript runs of each test.
            return;
        }

        var options = new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        };
        var result = await page.RunAxe(options);
        var problems = result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}");
        Assert.True(result.Violations.Length == 0, $"axe found violations on {page.Url}:\n" + string.Join("\n", problems));
    }

    private static bool IsWithoutScript(IPage page) => BrowserFixture.NoScriptPagesTable.TryGetValue(page, out _);

    /// <summary>Saves a full-page screenshot under artifacts/screenshots for people to look at.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });
    }

    /// <summary>No horizontal scrolling: the page fits a 320 px wide screen.</summary>
    public static async Task AssertNoHorizontalScrollAsync(this IPage page)
    {
        if (IsWithoutScript(page))
        {
            return;
        }

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            // Name the widest offenders, so the fix is obvious from the failure alone.
            var culprits = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                    .slice(-5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' → ' + Math.round(e.getBoundingClientRect().right))
                """);
            Assert.Fail($"{page.Url} scrolls sideways by {overflow}px at {page.ViewportSize?.Width}px: {string.Join(", ", culprits)}");
        }
    }
}
