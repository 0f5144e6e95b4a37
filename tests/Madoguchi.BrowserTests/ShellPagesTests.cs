using Madoguchi.BrowserTests.Infrastructure;
using Madoguchi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests;

public sealed class ShellPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Landing_and_tenant_home_are_accessible_at_desktop_and_320px()
    {
        var tenant = await browser.App.TenantAsync();
        foreach (var width in new[] { 1280, 320 })
        {
            var page = await browser.NewPageAsync(width);
            await page.GotoAsync("/");
            await page.AssertAccessibleAsync();
            await page.AssertNoHorizontalScrollAsync();
            await page.ScreenshotAsync($"landing-{width}");

            await page.GetByRole(AriaRole.Link, new() { Name = tenant.Name, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{tenant.Name}のデジタル窓口");
            await page.AssertAccessibleAsync();
            await page.AssertNoHorizontalScrollAsync();
            await page.ScreenshotAsync($"tenant-home-{width}");
            await page.Context.CloseAsync();
        }

    }

    [Fact]
    public async Task Error_page_is_Japanese_and_accessible()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/042031/");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ページが見つかりません");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("error-404");
    }

    [Fact]
    public async Task Skip_link_is_the_first_stop_of_the_keyboard_and_leads_to_the_main_content()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "本文へ移動" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#main$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task English_switch_works_without_JavaScript()
    {
        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose your municipality");
        await page.Context.CloseAsync();
    }
}
