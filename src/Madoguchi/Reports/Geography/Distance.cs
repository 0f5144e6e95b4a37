namespace Madoguchi.Reports.Geography;

/// <summary>Great-circle distance on a sphere of the Earth's mean radius (haversine).</summary>
public static class Distance
{
    private const double EarthRadiusMeters = 6_371_008.8;

    public static double Meters(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>Degrees of latitude and longitude that contain a circle of <paramref name="meters"/>: a box for an indexed pre-filter.</summary>
    public static (double DeltaLat, double DeltaLon) Box(double latitude, double meters)
    {
        var deltaLat = meters / 111_000d;
        var deltaLon = meters / (111_000d * Math.Max(0.01, Math.Cos(Radians(latitude))));
        return (deltaLat, deltaLon);
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}
