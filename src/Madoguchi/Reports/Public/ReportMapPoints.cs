using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Geography;
using Madoguchi.Reports.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Public;

/// <summary>
/// Reports with a position as a GeoJSON FeatureCollection for the maps (public list, triage). Only
/// what the public report page shows: category, status, place text, dates, the city's latest public
/// note. Never the reporter, followers, internal notes or answers.
/// </summary>
public static class ReportMapPoints
{
    /// <summary>More points than a city map can show legibly; the list pages have every report.</summary>
    public const int MaxPoints = 2000;

    public sealed record Point(Guid Id, string Category, ReportStatus Status, string Address, double Latitude, double Longitude, DateTime CreatedAt, DateTime UpdatedAt);

    /// <summary>Newest first, merged reports and reports without a position left out.</summary>
    public static Task<List<Point>> LoadAsync(MadoguchiDb db, IQueryable<Report> query, CancellationToken ct) =>
        query.Where(r => r.Status != ReportStatus.Merged && r.Latitude != null && r.Longitude != null)
            .OrderByDescending(r => r.CreatedAt).Take(MaxPoints)
            .Select(r => new Point(r.Id, db.Set<ReportCategory>().Where(c => c.Id == r.CategoryId).Select(c => c.Name).First(),
                r.Status, r.Address, r.Latitude!.Value, r.Longitude!.Value, r.CreatedAt, r.UpdatedAt))
            .ToListAsync(ct);

    /// <summary>The latest public note of each report (the city's reply shown on the map).</summary>
    public static async Task<Dictionary<Guid, string>> NotesAsync(MadoguchiDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var notes = await db.Set<ReportUpdate>().AsNoTracking().Where(u => ids.Contains(u.ReportId) && u.PublicNote != null)
            .Select(u => new { u.ReportId, u.At, u.PublicNote }).ToListAsync(ct);
        return notes.GroupBy(n => n.ReportId).ToDictionary(g => g.Key, g => g.MaxBy(n => n.At)!.PublicNote!);
    }

    public static JsonObject FeatureCollection(IEnumerable<Point> points, IReadOnlyDictionary<Guid, string> notes, Func<Guid, string> url, IStringLocalizer l) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray(points.Select(p => (JsonNode)new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = p.Id.ToString(),
            // RFC 7946: [longitude, latitude].
            ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(Math.Round(p.Longitude, 6), Math.Round(p.Latitude, 6)) },
            ["properties"] = new JsonObject
            {
                ["url"] = url(p.Id),
                ["category"] = p.Category,
                ["status"] = p.Status.ToString(),
                ["status_name"] = l[ReportStatuses.Name(p.Status)].Value,
                ["open"] = ReportStatuses.IsOpen(p.Status),
                ["address"] = p.Address,
                ["received"] = Wareki.DateAndTime(p.CreatedAt),
                ["updated"] = Wareki.DateAndTime(p.UpdatedAt),
                ["note"] = notes.GetValueOrDefault(p.Id),
            },
        }).ToArray()),
    };

    /// <summary>Where a map of the municipality starts: the middle of its area, if one is set.</summary>
    public static async Task<(double Latitude, double Longitude)?> CentreAsync(MadoguchiDb db, CancellationToken ct) =>
        await db.Set<ReportArea>().AsNoTracking().Select(a => a.GeoJson).SingleOrDefaultAsync(ct) is { } json && AreaPolygon.TryParse(json) is { } area
            ? area.Centre()
            : null;

    /// <summary>For a JSON block inside the page: the default encoder escapes &lt; and &gt;, so the data cannot close its script element.</summary>
    public static string ForPage(JsonObject collection) => collection.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
}
