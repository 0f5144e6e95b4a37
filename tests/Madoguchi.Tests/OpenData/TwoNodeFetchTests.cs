using System.Globalization;
using System.Text;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Tests.OpenData;

/// <summary>Two app instances on one database run the scheduled fetch at once: each due schedule is fetched by exactly one of them.</summary>
public sealed class TwoNodeFetchTests(TwoNodeFetchTests.App app) : IClassFixture<TwoNodeFetchTests.App>
{
    private const string PollInterval = "00:00:00.05";

    public sealed class App : MadoguchiApp
    {
        public App()
        {
            With("OpenData:AllowPrivateFetchAddresses", "true");
            With("OpenData:FetchPollInterval", PollInterval);
            With("OpenData:IngestPollInterval", "00:00:00.2");
        }
    }

    [Fact]
    public async Task Two_nodes_fetching_at_once_never_fetch_the_same_schedule_twice()
    {
        const int schedules = 40;
        await using var source = await SourceServer.StartAsync();
        source.Content = Encoding.UTF8.GetBytes("名称,緯度,経度\n中央公民館,38.26,140.87\n");
        source.Delay = TimeSpan.FromMilliseconds(30);

        // Node B: same database, same file storage (as the nodes of one deployment share them), started before anything is due.
        await using var second = app.SecondNode()
            .With("Platform:DataDirectory", app.DataDirectory)
            .With("OpenData:AllowPrivateFetchAddresses", "true")
            .With("OpenData:FetchPollInterval", PollInterval)
            .With("OpenData:IngestPollInterval", "00:00:00.2");
        _ = second.CreateClient();

        var (tenant, _, _, publisher) = await app.PublisherAsync();
        var dataset = await publisher.CreateDatasetAsync(tenant.Code, "fetched", "取得するデータ");
        // All schedules fall due in one commit, so both nodes' workers find them in the same poll.
        await app.DbAsync(async db =>
        {
            var due = DateTime.UtcNow.AddMinutes(-1);
            for (var i = 0; i < schedules; i++)
            {
                db.Add(new DatasetResource
                {
                    TenantId = tenant.Id, DatasetId = dataset, Name = "表" + i, Format = ResourceFormat.Csv, SortOrder = i,
                    SourceUrl = source.UrlOf($"table{i.ToString(CultureInfo.InvariantCulture)}.csv"), FetchSchedule = FetchSchedule.Daily, NextFetchAt = due,
                });
            }

            await db.SaveChangesAsync();
        });

        await Eventually.TrueAsync(() => app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().Where(r => r.DatasetId == dataset).AllAsync(r => r.LastFetchAt != null)),
            "every schedule fetched");
        // A few more polls of both nodes: nothing is fetched again.
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(schedules, source.RequestsByFile.Count);
        Assert.All(source.RequestsByFile, r => Assert.True(r.Value == 1, $"{r.Key} fetched {r.Value} times"));
        Assert.Equal(schedules, source.Requests);
        // Both nodes were at work at the same time (each fetches one schedule at a time).
        Assert.Equal(2, source.MostAtOnce);
        var resources = await app.DbAsync(db => db.Set<DatasetResource>().IgnoreQueryFilters().AsNoTracking().Where(r => r.DatasetId == dataset).ToListAsync());
        Assert.All(resources, r =>
        {
            Assert.True(r.LastFetchSucceeded, r.LastFetchMessage);
            Assert.Null(r.FetchClaimedUntil);
            Assert.True(r.NextFetchAt > DateTime.UtcNow.AddHours(23));
        });
        var versions = await app.DbAsync(db => db.Set<ResourceUpload>().IgnoreQueryFilters().Where(u => u.TenantId == tenant.Id)
            .GroupBy(u => u.ResourceId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(schedules, versions.Count);
        Assert.All(versions, n => Assert.Equal(1, n));
    }
}
