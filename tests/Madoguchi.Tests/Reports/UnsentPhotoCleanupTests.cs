using Madoguchi.Reports.Photos;
using Madoguchi.Reports.Reporting;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Reports;

/// <summary>
/// Photos of forms never sent are deleted (row and file) after the configured age, by two nodes at
/// once without doubles or errors; sent photos and fresh uploads stay.
/// </summary>
public sealed class UnsentPhotoCleanupTests
{
    [Fact]
    public async Task Old_unsent_photos_go_once_across_two_nodes_and_sent_or_fresh_ones_stay()
    {
        await using var app = new MadoguchiApp().With("Reports:UnsentPhotoMaxAge", "02:00:00");
        await using var second = app.SecondNode().With("Platform:DataDirectory", app.DataDirectory).With("Reports:UnsentPhotoMaxAge", "02:00:00");
        var s = await app.ReportingTenantAsync();
        // Both hosts started (each runs one pass at start-up) before there is anything to clean.
        var first = app.Services.GetRequiredService<UnsentPhotoCleanup>();
        var other = second.Services.GetRequiredService<UnsentPhotoCleanup>();
        var now = DateTime.UtcNow;
        var report = new Report
        {
            TenantId = s.Tenant.Id, CategoryId = s.CategoryId, DepartmentId = s.Tenant.DepartmentId, Status = ReportStatus.Received,
            Description = "送信済みの報告", Latitude = ReportScenario.InsideLat, Longitude = ReportScenario.InsideLon,
        };
        var old = Enumerable.Range(0, 12).Select(_ => Photo(s.Tenant.Id, now.AddHours(-3), null)).ToList();
        var fresh = Photo(s.Tenant.Id, now.AddMinutes(-30), null);
        var sent = Photo(s.Tenant.Id, now.AddDays(-5), report.Id);
        await app.DbAsync(async db =>
        {
            db.Add(report);
            await db.SaveChangesAsync();
            db.AddRange([.. old, fresh, sent]);
            await db.SaveChangesAsync();
        });

        foreach (var p in (ReportPhoto[])[.. old, fresh, sent])
        {
            var path = PhotoStore.FileOf(app.DataDirectory, p.TenantId, p.Id);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, TestImages.Png());
        }

        var counts = await Task.WhenAll(first.DeleteExpiredAsync(CancellationToken.None), other.DeleteExpiredAsync(CancellationToken.None));

        Assert.Equal(old.Count, counts.Sum());
        var left = await app.DbAsync(db => db.Set<ReportPhoto>().IgnoreQueryFilters().Where(p => p.TenantId == s.Tenant.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(new[] { fresh.Id, sent.Id }.Order(), left.Order());
        Assert.All(old, p => Assert.False(File.Exists(PhotoStore.FileOf(app.DataDirectory, p.TenantId, p.Id))));
        Assert.True(File.Exists(PhotoStore.FileOf(app.DataDirectory, fresh.TenantId, fresh.Id)));
        Assert.True(File.Exists(PhotoStore.FileOf(app.DataDirectory, sent.TenantId, sent.Id)));
        Assert.Equal(0, await first.DeleteExpiredAsync(CancellationToken.None));
    }

    private static ReportPhoto Photo(Guid tenantId, DateTime createdAt, Guid? reportId) => new()
    {
        TenantId = tenantId, UploadKey = Guid.NewGuid(), ReportId = reportId, ContentType = "image/jpeg", Size = 100,
        Sha256 = new string('0', 64), CreatedAt = createdAt,
    };
}
