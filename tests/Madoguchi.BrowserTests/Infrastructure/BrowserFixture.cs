using Madoguchi.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Madoguchi.BrowserTests.Infrastructure;

/// <summary>
/// The app on real HTTP and Debian's chromium driven by Playwright. Playwright's own browser
/// download cannot run here, so the system chromium is launched directly.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(demo: false)
    {
    }

    /// <param name="demo">Seed the five demo municipalities and first logins, as ./run does.</param>
    protected BrowserFixture(bool demo) =>
        // With the development identity provider, as ./run serves it, so resident sign-in pages can be walked.
        App = new MadoguchiApp().OnKestrel().With("Identity:DevProvider:Enabled", "true").With("Platform:Demo", demo ? "true" : "false");

    public MadoguchiApp App { get; }
    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => App.BaseAddress.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        _ = App.BaseAddress; // start the server
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies), phone-sized when <paramref name="width"/> is 320.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, bool javaScript = true, string locale = "ja-JP")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            JavaScriptEnabled = javaScript,
            Locale = locale,
            BaseURL = BaseUrl,
        });
        var page = await context.NewPageAsync();
        if (!javaScript)
        {
            NoScriptPages.Add(page);
        }

        return page;
    }

    /// <summary>Pages opened without JavaScript: checks that evaluate script in them are skipped.</summary>
    internal static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, object> NoScriptPagesTable = new();

    private static class NoScriptPages
    {
        public static void Add(IPage page) => NoScriptPagesTable.AddOrUpdate(page, true);
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
