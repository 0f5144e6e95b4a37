using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Reports.Reporting;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Public;

/// <summary>
/// GET /{code}/reports/map.geojson: the public map's points (RFC 7946, application/geo+json), with
/// the list page's filters (status, category). Public like the list; no personal data in it.
/// </summary>
internal static class ReportMapApi
{
    public static void MapReportMap(this WebApplication app) =>
        app.MapGet("/{tenant:municipality}/reports/map.geojson", async (string? status, string? category, MadoguchiDb db, TenantContext municipality,
            IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        {
            var query = db.Set<Report>().AsQueryable();
            // Read by hand: the list page's links carry empty values (status=&category=), which mean "all".
            if (Enum.TryParse<ReportStatus>(status, out var s) && Enum.IsDefined(s))
            {
                query = query.Where(r => r.Status == s);
            }

            if (Guid.TryParse(category, out var c))
            {
                query = query.Where(r => r.CategoryId == c);
            }

            var points = await ReportMapPoints.LoadAsync(db, query, ct);
            var notes = await ReportMapPoints.NotesAsync(db, points.Select(p => p.Id).ToList(), ct);
            var body = ReportMapPoints.FeatureCollection(points, notes, id => $"/{municipality.Code}/reports/{id}", l).ToJsonString();
            return TypedResults.Text(body, "application/geo+json; charset=utf-8");
        });
}
