using Madoguchi.Platform.Data;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Reporting;

/// <summary>
/// Open reports of the same category near a point: within the category's radius (haversine after
/// an indexed bounding-box pre-filter), nearest first, with their text similarity so that a report
/// that also says the same thing stands out.
/// </summary>
public sealed class DuplicateFinder(MadoguchiDb db)
{
    public const double SimilarText = 0.25;

    public sealed record Candidate(Guid Id, string Description, string Address, ReportStatus Status, DateTime CreatedAt, int DistanceMeters, double Similarity)
    {
        public bool SaysTheSame => Similarity >= SimilarText;
    }

    public async Task<IReadOnlyList<Candidate>> FindAsync(ReportCategory category, double latitude, double longitude, string text, Guid? except, CancellationToken ct)
    {
        var radius = category.DuplicateRadiusMeters;
        var (dLat, dLon) = Distance.Box(latitude, radius);
        var (minLat, maxLat, minLon, maxLon) = (latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon);
        var near = await db.Set<Report>()
            .Where(r => r.CategoryId == category.Id && r.Id != except
                && (r.Status == ReportStatus.Received || r.Status == ReportStatus.InProgress)
                && r.Latitude >= minLat && r.Latitude <= maxLat && r.Longitude >= minLon && r.Longitude <= maxLon)
            .Select(r => new { r.Id, r.Description, r.Address, r.Status, r.CreatedAt, Lat = r.Latitude!.Value, Lon = r.Longitude!.Value })
            .Take(200)
            .ToListAsync(ct);
        return near
            .Select(r => new Candidate(r.Id, r.Description, r.Address, r.Status, r.CreatedAt,
                (int)Math.Round(Distance.Meters(latitude, longitude, r.Lat, r.Lon)), TextSimilarity.Of(text, r.Description + " " + r.Address)))
            .Where(c => c.DistanceMeters <= radius)
            .OrderByDescending(c => c.SaysTheSame).ThenBy(c => c.DistanceMeters)
            .Take(10)
            .ToList();
    }
}
