using System.Globalization;

namespace Madoguchi.OpenData.Public;

/// <summary>GET /{code}/opendata/{name}/resources/{id}/points.geojson: the table's points as a GeoJSON FeatureCollection (RFC 7946, lon/lat order).</summary>
public static class MapPointsApi
{
    public static void MapOpenDataPoints(this WebApplication app) =>
        app.MapGet("/{tenant:municipality}/opendata/{name}/resources/{id:guid}/points.geojson", async (string name, Guid id, HttpContext http, MapPoints points, CancellationToken ct) =>
        {
            var result = await points.ReadAsync(name, id, ct);
            if (result is null)
            {
                return Results.NotFound();
            }

            var tenant = http.Request.RouteValues["tenant"];
            var features = result.Points.Select(p => new Dictionary<string, object?>
            {
                ["type"] = "Feature",
                ["geometry"] = new Dictionary<string, object?> { ["type"] = "Point", ["coordinates"] = new[] { p.Longitude, p.Latitude } },
                ["properties"] = new Dictionary<string, object?>
                {
                    ["name"] = p.Name, ["row"] = p.Row,
                    ["url"] = $"/{tenant}/opendata/{name}/resources/{id}?q={Uri.EscapeDataString(p.Name)}",
                },
            });
            return Results.Json(new Dictionary<string, object?>
            {
                ["type"] = "FeatureCollection", ["features"] = features, ["skipped"] = result.Skipped, ["truncated"] = result.Truncated,
            }, contentType: "application/geo+json; charset=utf-8");
        });

    public static string Degrees(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
