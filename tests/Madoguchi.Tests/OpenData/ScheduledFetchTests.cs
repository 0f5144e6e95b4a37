using System.Net;
using System.Text;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.OpenData;

/// <summary>Re-publication from a URL: a department's server is fetched on schedule; changed bytes become a new version and go public (or to review).</summary>
public sealed class ScheduledFetchTests(ScheduledFetchTests.App app) : IClassFixture<ScheduledFetchTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App()
        {
            With("OpenData:AllowPrivateFetchAddresses", "true");
            With("OpenData:FetchPollInterval", "00:00:00.2");
            With("OpenData:IngestPollInterval", "00:00:00.2");
        }
    }

    private static byte[] Csv(params string[] names) => Encoding.UTF8.GetBytes("名称,緯度,経度\n" + string.Join("", names.Select(n => $"{n},38.26,140.87\n")));

    private Task<DatasetResource> ResourceAsync(Guid dataset) =>
        app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.DatasetId == dataset));

    private Task DueNowAsync(Guid dataset) =>
        app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.NextFetchAt, DateTime.UtcNow.AddSeconds(-1))));

    private async Task<(OpenDataScenario.Setup Setup, Guid Dataset)> PublishedAsync(string name)
    {
        var setup = await app.PublisherAsync();
        var dataset = await setup.Client.CreateDatasetAsync(setup.Tenant.Code, name, "避難所一覧");
        await setup.Client.UploadAsync(setup.Tenant.Code, dataset, "shelters.csv", Csv("中央公民館"), newName: "避難所");
        await app.IngestedAsync(dataset);
        await setup.Client.SubmitAsync($"/{setup.Tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string>(), "form[action*=Publish]");
        return (setup, dataset);
    }

    [Fact]
    public async Task A_changed_file_at_the_source_becomes_a_new_published_version_and_the_same_bytes_do_not()
    {
        await using var source = await SourceServer.StartAsync();
        var ((tenant, _, _, publisher), dataset) = await PublishedAsync("shelters");
        source.Content = Csv("中央公民館", "南小学校");

        var saved = await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}",
            new Dictionary<string, string> { ["sourceUrl"] = source.Url, ["schedule"] = "Weekly" }, "form[action*=Source]");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        await Eventually.TrueAsync(async () => (await ResourceAsync(dataset)).LastFetchMessage?.Contains("公開しました") == true, "fetched version published");
        var resource = await ResourceAsync(dataset);
        var latest = await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().SingleAsync(u => u.Id == resource.LatestUploadId));
        Assert.Equal(2, latest.Number);
        Assert.Equal(2, latest.RowCount);
        Assert.Equal(resource.LatestUploadId, resource.PublishedUploadId);
        Assert.Equal("定期取得", latest.UploadedBy);
        Assert.InRange(resource.NextFetchAt!.Value, DateTime.UtcNow.AddDays(6.9), DateTime.UtcNow.AddDays(7.1));
        var manage = await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}");
        Assert.Contains("取得した新しい版を公開しました。", manage.Document.QuerySelector(".fetch-result")!.TextContent);

        // Same bytes again: noted, no new version.
        var requests = source.Requests;
        await DueNowAsync(dataset);
        await Eventually.TrueAsync(async () => (await ResourceAsync(dataset)).LastFetchMessage?.Contains("変更はありませんでした") == true, "unchanged fetch noted");
        Assert.True(source.Requests > requests);
        Assert.Equal(2, await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().CountAsync(u => u.ResourceId == resource.Id)));

        // The source fails: the manage page says so, what is public stays.
        source.Status = 500;
        await DueNowAsync(dataset);
        await Eventually.TrueAsync(async () => (await ResourceAsync(dataset)).LastFetchSucceeded == false, "failed fetch noted");
        manage = await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}");
        Assert.Contains("HTTP 500", manage.Document.QuerySelector(".fetch-result")!.TextContent);
        Assert.Equal(resource.PublishedUploadId, (await ResourceAsync(dataset)).PublishedUploadId);

        // A file with errors is fetched but never published.
        source.Status = 200;
        source.Content = Encoding.UTF8.GetBytes("名称,緯度\n\"壊れた,38\n");
        await DueNowAsync(dataset);
        await Eventually.TrueAsync(async () => (await ResourceAsync(dataset)).LastFetchMessage?.Contains("エラーがあるため公開していません") == true, "faulty version kept private");
        Assert.Equal(resource.PublishedUploadId, (await ResourceAsync(dataset)).PublishedUploadId);
    }

    [Fact]
    public async Task Where_review_is_required_a_fetched_version_waits_for_the_DX_office()
    {
        await using var source = await SourceServer.StartAsync();
        var ((tenant, _, _, publisher), dataset) = await PublishedAsync("reviewed");
        var (_, admin) = await app.TenantAdminAsync(tenant);
        await admin.SubmitAsync($"/{tenant.Code}/staff/opendata", new Dictionary<string, string> { ["requireReview"] = "true" }, "form[action*=Settings]");
        var before = (await ResourceAsync(dataset)).PublishedUploadId;
        source.Content = Csv("中央公民館", "北公園");
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string> { ["sourceUrl"] = source.Url, ["schedule"] = "Daily" }, "form[action*=Source]");

        await Eventually.TrueAsync(async () => (await ResourceAsync(dataset)).LastFetchMessage?.Contains("審査を依頼しました") == true, "review requested");
        Assert.Equal(before, (await ResourceAsync(dataset)).PublishedUploadId);
        Assert.NotNull(await app.DbAsync(db => db.Set<Dataset>().IgnoreQueryFilters().Where(d => d.Id == dataset).Select(d => d.ReviewRequestedAt).SingleAsync()));
    }

    [Fact]
    public async Task Only_http_addresses_are_accepted_on_the_page()
    {
        var ((tenant, _, _, publisher), dataset) = await PublishedAsync("ftp");
        var response = await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}",
            new Dictionary<string, string> { ["sourceUrl"] = "file:///etc/passwd", ["schedule"] = "Daily" }, "form[action*=Source]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http:// または https://", await response.Content.ReadAsStringAsync());
        Assert.Null((await ResourceAsync(dataset)).SourceUrl);
    }
}

/// <summary>Without the deployment option, a source on loopback or a private network is refused (the server must not read internal services).</summary>
public sealed class ScheduledFetchPrivateAddressTests(ScheduledFetchPrivateAddressTests.App app) : IClassFixture<ScheduledFetchPrivateAddressTests.App>
{
    public sealed class App : MadoguchiApp
    {
        public App() => With("OpenData:FetchPollInterval", "00:00:00.2");
    }

    [Fact]
    public async Task A_loopback_source_is_refused_with_a_message()
    {
        await using var source = await SourceServer.StartAsync();
        source.Content = Encoding.UTF8.GetBytes("名称\n秘密\n");
        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "internal", "内部");
        await publisher.UploadAsync(tenant.Code, dataset, "a.csv", Encoding.UTF8.GetBytes("名称\n公開\n"), newName: "表");
        await app.IngestedAsync(dataset);
        await publisher.SubmitAsync($"/{tenant.Code}/staff/opendata/{dataset}", new Dictionary<string, string> { ["sourceUrl"] = source.Url, ["schedule"] = "Daily" }, "form[action*=Source]");
        await Eventually.TrueAsync(() => app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().AnyAsync(r => r.DatasetId == dataset && r.LastFetchSucceeded == false)), "refused fetch noted");
        Assert.Equal(0, source.Requests);
        var page = await publisher.GetPageAsync($"/{tenant.Code}/staff/opendata/{dataset}");
        Assert.Contains("内部ネットワーク", page.Document.QuerySelector(".fetch-result")!.TextContent);
    }
}
