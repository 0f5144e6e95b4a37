using System.Globalization;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// The points of a published table with 緯度/経度 columns (the standard datasets' names), for the
/// map page's list, its Leaflet map and the GeoJSON endpoint. Rows whose coordinates are empty or
/// not numbers in range are left out (and counted), never guessed.
/// </summary>
public sealed class MapPoints(MadoguchiDb db)
{
    /// <summary>At most this many points are drawn; a larger table says so.</summary>
    public const int MaxPoints = 5000;

    public sealed record Point(int Row, string Name, double Latitude, double Longitude);

    public sealed record Result(string DatasetTitle, string ResourceName, IReadOnlyList<Point> Points, int Skipped, bool Truncated);

    public static bool HasCoordinates(IReadOnlyList<string> columns) => columns.Contains("緯度") && columns.Contains("経度");

    /// <summary>Null when the resource is not a published table of the named dataset, or has no 緯度/経度 columns.</summary>
    public async Task<Result?> ReadAsync(string datasetName, Guid resourceId, CancellationToken ct)
    {
        var found = await db.Set<DatasetResource>().Where(r => r.Id == resourceId && r.PublishedUploadId != null)
            .Select(r => new
            {
                r.Name, r.PublishedUploadId,
                Title = db.Set<Dataset>().Where(d => d.Id == r.DatasetId && d.Name == datasetName && d.PublishedAt != null).Select(d => d.Title).FirstOrDefault(),
                Columns = db.Set<ResourceUpload>().Where(u => u.Id == r.PublishedUploadId && u.State == UploadState.Passed).Select(u => u.ColumnsJson).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (found?.Title is null || found.Columns is null)
        {
            return null;
        }

        var columns = RowJson.Read(found.Columns);
        if (!HasCoordinates(columns))
        {
            return null;
        }

        var lat = Array.IndexOf(columns, "緯度");
        var lon = Array.IndexOf(columns, "経度");
        var name = Array.IndexOf(columns, "名称") is >= 0 and var n ? n : 0;
        var points = new List<Point>();
        var skipped = 0;
        var truncated = false;
        // Streamed in row order; only the cells needed are kept.
        await foreach (var (number, cells) in TableRows.RangeAsync(db, found.PublishedUploadId!.Value, 1, int.MaxValue, ct))
        {
            if (Coordinate(cells, lat, -90, 90) is { } y && Coordinate(cells, lon, -180, 180) is { } x)
            {
                if (points.Count == MaxPoints)
                {
                    truncated = true;
                    break;
                }

                points.Add(new Point(number, name < cells.Length && cells[name].Length > 0 ? cells[name] : $"#{number}", y, x));
            }
            else
            {
                skipped++;
            }
        }

        return new Result(found.Title, found.Name, points, skipped, truncated);
    }

    private static double? Coordinate(string[] cells, int index, double min, double max) =>
        index < cells.Length && double.TryParse(cells[index].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max && v != 0 ? v : null;
}
