using Madoguchi.Platform.Data;
using Madoguchi.Reports.Photos;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Public;

/// <summary>Serves the (metadata-free) photos of a report; photos of a form not yet sent are not served.</summary>
internal static class ReportPhotosApi
{
    public static void MapReportPhotos(this WebApplication app) =>
        app.MapGet("/{tenant:municipality}/reports/{id:guid}/photos/{photo:guid}", async Task<IResult> (Guid id, Guid photo, MadoguchiDb db, PhotoStore store, CancellationToken ct) =>
        {
            var row = await db.Set<ReportPhoto>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == photo && p.ReportId == id, ct);
            var path = row is null ? null : store.PathOf(row.TenantId, row.Id);
            return path is not null && File.Exists(path)
                ? TypedResults.PhysicalFile(path, row!.ContentType, enableRangeProcessing: false)
                : TypedResults.NotFound();
        });
}
