using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Platform.Demo;

/// <summary>What ./run shows a new user: the five seed municipalities and logins that work.</summary>
public sealed class DemoDataTests : IClassFixture<DemoDataTests.DemoApp>
{
    public sealed class DemoApp : MadoguchiApp
    {
        public DemoApp() => With("Platform:Demo", "true");
    }

    private readonly DemoApp _app;

    public DemoDataTests(DemoApp app) => _app = app;

    /// <summary>Starts the host, which seeds the demo and writes the first logins.</summary>
    private Task StartedAsync() => _app.CreateClient().GetAsync("/health/ready");

    [Theory]
    [InlineData("042030", "塩竈市")]
    [InlineData("042153", "大崎市")]
    [InlineData("042137", "栗原市")]
    [InlineData("042021", "石巻市")]
    [InlineData("222232", "御前崎市")]
    public async Task Each_seed_municipality_has_its_portal(string code, string name)
    {
        await StartedAsync();
        var page = await _app.CreateClient().GetPageAsync($"/{code}");
        Assert.Contains(name, page.Document.Title);
    }

    [Theory]
    [InlineData("042030", "塩竈市立第一小学校")]
    [InlineData("222232", "御前崎市民会館")]
    public async Task Each_seed_municipality_shows_its_demo_shelters_on_the_public_map(string code, string shelter)
    {
        await StartedAsync();
        var page = await _app.CreateClient().GetPageAsync($"/{code}/shelters");
        Assert.Contains(shelter, page.Document.QuerySelector("main")!.TextContent);
        using var points = System.Text.Json.JsonDocument.Parse(page.Document.QuerySelector("script#shelter-map-points")!.TextContent);
        var features = points.RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.True(features.Count >= 4);
        Assert.Contains(features, f => f.GetProperty("properties").GetProperty("name").GetString() == shelter);
    }

    [Fact]
    public async Task The_health_division_of_Ishinomaki_signs_in_and_sees_its_queue_for_the_pregnancy_notification()
    {
        await StartedAsync();
        var (email, password) = FirstLogins.Of(_app.DataDirectory, "kenko@ishinomaki.example.jp");
        var staff = await _app.SignInAsync(new TestData.StaffInfo(Guid.Empty, email, password));

        var queue = await staff.GetPageAsync("/042021/staff/applications");
        Assert.Contains("妊娠の届出", queue.Document.QuerySelector("main")!.TextContent);

        var found = await _app.CreateClient().GetPageAsync("/042021/procedures?q=" + Uri.EscapeDataString("妊娠"));
        Assert.Contains("妊娠の届出", found.Document.QuerySelector("main")!.TextContent);
    }
}
