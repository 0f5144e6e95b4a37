using System.Text.Json;

namespace Madoguchi.Reports.Geography;

/// <summary>
/// A municipality's area read from GeoJSON (Polygon or MultiPolygon, or a Feature of one):
/// rings of [longitude, latitude]; the first ring of a polygon is its outline, the rest holes.
/// Point-in-polygon by ray casting, which is exact enough at city scale in plain degrees.
/// </summary>
public sealed class AreaPolygon
{
    private readonly List<List<(double Lon, double Lat)[]>> _polygons;

    private AreaPolygon(List<List<(double Lon, double Lat)[]>> polygons) => _polygons = polygons;

    public static AreaPolygon? TryParse(string geoJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(geoJson);
            var geometry = doc.RootElement;
            if (geometry.TryGetProperty("type", out var t) && t.GetString() == "Feature")
            {
                geometry = geometry.GetProperty("geometry");
            }

            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [Polygon(coordinates)],
                "MultiPolygon" => coordinates.EnumerateArray().Select(Polygon).ToList(),
                _ => null,
            };
            return polygons is { Count: > 0 } && polygons.All(p => p.Count > 0 && p[0].Length >= 4) ? new AreaPolygon(polygons) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    private static List<(double Lon, double Lat)[]> Polygon(JsonElement rings) =>
        rings.EnumerateArray().Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray()).ToList();

    public bool Contains(double latitude, double longitude) =>
        _polygons.Any(rings => Inside(rings[0], latitude, longitude) && !rings.Skip(1).Any(hole => Inside(hole, latitude, longitude)));

    /// <summary>The middle of the outline's bounding box: where a map would start.</summary>
    public (double Latitude, double Longitude) Centre()
    {
        var points = _polygons.SelectMany(p => p[0]).ToList();
        return ((points.Min(p => p.Lat) + points.Max(p => p.Lat)) / 2, (points.Min(p => p.Lon) + points.Max(p => p.Lon)) / 2);
    }

    private static bool Inside((double Lon, double Lat)[] ring, double lat, double lon)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (xi, yi) = ring[i];
            var (xj, yj) = ring[j];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }
}
