using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.Shelters;

/// <summary>
/// The public list of shelters, open ones first with their occupancy; a list first, because it
/// works on every phone and screen reader. A map (地理院タイル) is layered on top by script for
/// those who have it; its points come from the same rows, embedded in the page.
/// </summary>
public sealed class PublicSheltersModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Address, bool Open, ShelterOccupancy Occupancy, string? Note, int? Capacity, double? Latitude, double? Longitude, DateTime? UpdatedAt);

    public IReadOnlyList<Row> Shelters { get; private set; } = [];

    /// <summary>GeoJSON of the shelters with a position, safe inside a script element.</summary>
    public string MapPoints { get; private set; } = "";

    public bool HasMapPoints { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Shelters = await db.Set<Shelter>().OrderByDescending(s => s.Open).ThenBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Name, s.Address, s.Open, s.Occupancy, s.Note, s.Capacity, s.Latitude, s.Longitude, s.StatusUpdatedAt)).ToListAsync(ct);
        var located = Shelters.Where(s => s.Latitude is not null && s.Longitude is not null).ToList();
        HasMapPoints = located.Count > 0;
        MapPoints = FeatureCollection(located).ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default });
    }

    public static string Anchor(Guid id) => "shelter-" + id.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>Each point says its state in words (開設・空き, 閉鎖 …): the marker's colour only repeats it.</summary>
    private JsonObject FeatureCollection(IEnumerable<Row> rows)
    {
        var features = new JsonArray();
        foreach (var s in rows)
        {
            var state = s.Open ? l["開設"].Value + "・" + l[ShelterLabels.Occupancy(s.Occupancy)].Value : l["閉鎖"].Value;
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(s.Longitude, s.Latitude) },
                ["properties"] = new JsonObject
                {
                    ["name"] = s.Name,
                    ["state"] = s.Open ? ShelterLabels.OccupancyEnglish(s.Occupancy) : "closed",
                    ["label"] = state,
                    ["address"] = s.Address,
                    ["note"] = s.Open ? s.Note : null,
                    ["url"] = "#" + Anchor(s.Id),
                },
            });
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }
}
