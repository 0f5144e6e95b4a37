namespace Madoguchi.Reports.Geography;

/// <summary>
/// A municipality's area read from GeoJSON (see <see cref="AreaGeoJson"/>):
/// rings of [longitude, latitude]; the first ring of a polygon is its outline, the rest holes.
/// Point-in-polygon by ray casting, which is exact enough at city scale in plain degrees.
/// </summary>
public sealed class AreaPolygon
{
    private readonly List<List<(double Lon, double Lat)[]>> _polygons;

    internal AreaPolygon(List<List<(double Lon, double Lat)[]>> polygons) => _polygons = polygons;

    /// <summary>The area, or null when the text is not a usable area (<see cref="AreaGeoJson.Read"/> says why).</summary>
    public static AreaPolygon? TryParse(string geoJson) => AreaGeoJson.Read(geoJson).Area;

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
