using System.Text.Json;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Open311;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;

namespace Madoguchi.Tests.Reports;

/// <summary>
/// Open311 GET requests with lat/long/radius read through the grid cells and widening date windows:
/// the answer must be exactly the newest reports within the great-circle radius, whatever cells and
/// windows it took to find them.
/// </summary>
public sealed class Open311RadiusTests(MadoguchiApp app) : IClassFixture<MadoguchiApp>
{
    private const double Lat = ReportScenario.InsideLat, Lon = ReportScenario.InsideLon;

    private async Task<List<string>> DescriptionsAsync(TestData.TenantInfo tenant, string query)
    {
        var body = JsonDocument.Parse(await app.CreateClient().GetStringAsync($"/{tenant.Code}/open311/v2/requests.json?{query}")).RootElement;
        return body.EnumerateArray().Select(r => r.GetProperty("description").GetString()!).ToList();
    }

    private static Report At(ReportScenario.Setup s, string description, double lat, double lon, DateTime created) => new()
    {
        TenantId = s.Tenant.Id, CategoryId = s.CategoryId, DepartmentId = s.Tenant.DepartmentId, Status = ReportStatus.Received,
        Description = description, Latitude = lat, Longitude = lon, Cell = GridCells.Of(lat, lon), CreatedAt = created, UpdatedAt = created,
    };

    [Fact]
    public async Task The_edge_of_the_circle_is_exact_across_cells_and_old_reports_are_found_when_the_period_asks_for_them()
    {
        var s = await app.ReportingTenantAsync();
        var now = DateTime.UtcNow;
        // 1 km north is 0.008993° of latitude; these straddle cell rows, since a cell is 0.005° high.
        var noPlace = At(s, "位置なし", Lat, Lon, now.AddDays(-1));
        (noPlace.Latitude, noPlace.Longitude, noPlace.Cell) = (null, null, null);
        await app.DbAsync(async db =>
        {
            db.AddRange(
                At(s, "990m北", Lat + 990 / 111_195d, Lon, now.AddDays(-3)),
                At(s, "1010m北", Lat + 1010 / 111_195d, Lon, now.AddDays(-3)),
                At(s, "990m東", Lat, Lon + 990 / (111_195d * Math.Cos(Lat * Math.PI / 180)), now.AddDays(-2)),
                At(s, "2年前の中心", Lat, Lon, now.AddYears(-2)),
                noPlace);
            await db.SaveChangesAsync();
        });

        Assert.Equal(["990m東", "990m北"], await DescriptionsAsync(s.Tenant, $"lat={Lat}&long={Lon}&radius=1000"));
        var since = Uri.EscapeDataString(now.AddYears(-5).ToString("O"));
        Assert.Equal(["990m東", "990m北", "2年前の中心"], await DescriptionsAsync(s.Tenant, $"lat={Lat}&long={Lon}&radius=1000&start_date={since}"));
        var until = Uri.EscapeDataString(now.AddYears(-1).ToString("O"));
        Assert.Equal(["2年前の中心"], await DescriptionsAsync(s.Tenant, $"lat={Lat}&long={Lon}&radius=1000&end_date={until}"));
    }

    [Fact]
    public async Task A_busy_circle_answers_the_newest_thousand_and_nothing_older()
    {
        var s = await app.ReportingTenantAsync();
        var now = DateTime.UtcNow;
        var random = new Random(7);
        await app.DbAsync(async db =>
        {
            for (var i = 0; i < Open311Requests.MaxResults + 150; i++)
            {
                // Within 300 m, one a quarter-hour apart: the newest 1,000 all fall in the first window.
                db.Add(At(s, $"新{i:D4}", Lat + (random.NextDouble() - 0.5) * 0.005, Lon + (random.NextDouble() - 0.5) * 0.006, now.AddMinutes(-15 * (i + 1))));
            }

            db.Add(At(s, "古い", Lat, Lon, now.AddYears(-3)));
            await db.SaveChangesAsync();
        });

        var since = Uri.EscapeDataString(now.AddYears(-5).ToString("O"));
        var answer = await DescriptionsAsync(s.Tenant, $"lat={Lat}&long={Lon}&radius=500&start_date={since}");
        Assert.Equal(Enumerable.Range(0, Open311Requests.MaxResults).Select(i => $"新{i:D4}"), answer);
    }
}
