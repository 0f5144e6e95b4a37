using System.Globalization;
using System.Text;
using Madoguchi.Platform.Csv;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Shelters;

/// <summary>
/// Shelters as live open data: CSV (UTF-8 with BOM, the standard's column names first, then the
/// live state), GeoJSON (RFC 7946, lon/lat order) and JSON, plus the append-only history of state
/// changes. Short public caching keeps a flood of readers off the database during a disaster.
/// </summary>
public static class ShelterOpenData
{
    private sealed record Item(Guid Id, string Code, string Name, string? NameKana, string? NameEn, string Address, double? Latitude, double? Longitude,
        string? Phone, int? Capacity, string Hazards, bool IsEmergencyPlace, bool IsShelter, bool Open, ShelterOccupancy Occupancy, string? Note, DateTime? UpdatedAt);

    public static void MapShelterOpenData(this WebApplication app)
    {
        app.MapGet("/{tenant:municipality}/shelters.csv", CsvAsync);
        app.MapGet("/{tenant:municipality}/shelters.geojson", GeoJsonAsync);
        var api = app.MapGroup("/{tenant:municipality}/api/disaster/shelters");
        api.MapGet("", JsonAsync);
        api.MapGet("/history", HistoryAsync);
    }

    private static Task<List<Item>> ItemsAsync(MadoguchiDb db, CancellationToken ct) =>
        db.Set<Shelter>().OrderBy(s => s.Code)
            .Select(s => new Item(s.Id, s.Code, s.Name, s.NameKana, s.NameEn, s.Address, s.Latitude, s.Longitude, s.Phone, s.Capacity, s.Hazards,
                s.IsEmergencyPlace, s.IsShelter, s.Open, s.Occupancy, s.Note, s.StatusUpdatedAt))
            .ToListAsync(ct);

    private static void Cache(HttpContext http) => http.Response.Headers.CacheControl = "public, max-age=30";

    private static async Task<IResult> CsvAsync(MadoguchiDb db, HttpContext http, string tenant, CancellationToken ct)
    {
        var items = await ItemsAsync(db, ct);
        var text = new StringBuilder();
        text.Append("ID,名称,名称_カナ,名称_英字,所在地_連結表記,緯度,経度,電話番号,想定収容人数,災害種別,指定緊急避難場所,指定避難所,開設状況,混雑状況,メモ,更新日時\r\n");
        foreach (var s in items)
        {
            CsvField.AppendRecord(text, new[]
            {
                s.Code, s.Name, s.NameKana, s.NameEn, s.Address, Number(s.Latitude), Number(s.Longitude), s.Phone,
                s.Capacity?.ToString(CultureInfo.InvariantCulture), s.Hazards, s.IsEmergencyPlace ? "1" : "", s.IsShelter ? "1" : "",
                s.Open ? "開設" : "閉鎖", s.Open ? ShelterLabels.Occupancy(s.Occupancy) : "", s.Note, Time(s.UpdatedAt),
            });
        }

        Cache(http);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{tenant}_shelters.csv");
    }

    private static async Task<IResult> GeoJsonAsync(MadoguchiDb db, HttpContext http, CancellationToken ct)
    {
        var items = await ItemsAsync(db, ct);
        Cache(http);
        return TypedResults.Json(new
        {
            type = "FeatureCollection",
            features = items.Where(s => s.Latitude is not null && s.Longitude is not null).Select(s => new
            {
                type = "Feature",
                id = s.Code,
                geometry = new { type = "Point", coordinates = new[] { s.Longitude!.Value, s.Latitude!.Value } },
                properties = Properties(s),
            }),
        }, contentType: "application/geo+json");
    }

    private static async Task<IResult> JsonAsync(MadoguchiDb db, HttpContext http, CancellationToken ct)
    {
        var items = await ItemsAsync(db, ct);
        Cache(http);
        return TypedResults.Json(new { shelters = items.Select(s => new { latitude = s.Latitude, longitude = s.Longitude, properties = Properties(s) }) });
    }

    /// <summary>Changes of state, oldest first, after <paramref name="since"/> (ISO 8601) if given; at most 1,000 per page.</summary>
    private static async Task<IResult> HistoryAsync(MadoguchiDb db, HttpContext http, DateTime? since, CancellationToken ct)
    {
        var after = since?.ToUniversalTime() ?? DateTime.MinValue;
        var changes = await (from c in db.Set<ShelterChange>()
                             join s in db.Set<Shelter>() on c.ShelterId equals s.Id
                             where c.At > after
                             orderby c.At
                             select new { s.Code, s.Name, c.At, c.Open, c.Occupancy, c.Note }).Take(1000).ToListAsync(ct);
        Cache(http);
        return TypedResults.Json(new
        {
            changes = changes.Select(c => new
            {
                id = c.Code, name = c.Name, at = DateTime.SpecifyKind(c.At, DateTimeKind.Utc), open = c.Open,
                occupancy = ShelterLabels.OccupancyEnglish(c.Occupancy), note = c.Note,
            }),
        });
    }

    private static object Properties(Item s) => new
    {
        id = s.Code,
        name = s.Name,
        nameKana = s.NameKana,
        nameEn = s.NameEn,
        address = s.Address,
        phone = s.Phone,
        capacity = s.Capacity,
        hazards = s.Hazards.Length == 0 ? [] : s.Hazards.Split(';'),
        emergencyPlace = s.IsEmergencyPlace,
        shelter = s.IsShelter,
        open = s.Open,
        occupancy = s.Open ? ShelterLabels.OccupancyEnglish(s.Occupancy) : null,
        note = s.Note,
        updatedAt = s.UpdatedAt is { } u ? DateTime.SpecifyKind(u, DateTimeKind.Utc) : (DateTime?)null,
    };

    private static string? Number(double? v) => v?.ToString("0.######", CultureInfo.InvariantCulture);

    private static string? Time(DateTime? utc) => utc is { } u ? new DateTimeOffset(DateTime.SpecifyKind(u, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd'T'HH:mm:ss'+09:00'", CultureInfo.InvariantCulture) : null;
}
