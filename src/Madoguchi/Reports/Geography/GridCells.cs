namespace Madoguchi.Reports.Geography;

/// <summary>
/// A fixed grid over the globe that makes "reports near here" an index seek on both databases
/// (neither SQLite nor PostgreSQL without PostGIS has a portable spatial index). A cell is
/// <see cref="Size"/> degrees square (about 560 m north–south and 440 m east–west in Japan), numbered
/// row by row; a report stores the number of the cell it lies in, and a circle is looked up as the
/// cells its bounding box touches. A B-tree on (tenant, cell, date) then reads only the reports of
/// those few cells, where a latitude/longitude B-tree reads a band across the whole city.
/// </summary>
public static class GridCells
{
    public const double Size = 0.005;

    /// <summary>Cells per row: longitudes -180..180 in steps of <see cref="Size"/> fit below it.</summary>
    private const long RowWidth = 100_000;

    public static long? Of(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon ? Row(lat) * RowWidth + Column(lon) : null;

    /// <summary>Every cell that the box touches (a 10 km radius touches about 1,700 of them).</summary>
    public static List<long> Covering(double minLat, double maxLat, double minLon, double maxLon)
    {
        var cells = new List<long>();
        for (var row = Row(minLat); row <= Row(maxLat); row++)
        {
            for (var column = Column(minLon); column <= Column(maxLon); column++)
            {
                cells.Add(row * RowWidth + column);
            }
        }

        return cells;
    }

    private static long Row(double latitude) => (long)Math.Floor((Math.Clamp(latitude, -90, 90) + 90) / Size);

    private static long Column(double longitude) => (long)Math.Floor((Math.Clamp(longitude, -180, 180) + 180) / Size);
}
