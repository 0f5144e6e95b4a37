using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.OpenData.Public;

/// <summary>
/// A published table with 緯度/経度 on a map: the list of points is the page (no JavaScript, screen
/// readers, tiles out of reach); with JavaScript a Leaflet map with 地理院タイル is added on top.
/// </summary>
public sealed class ResourceMapModel(MapPoints points) : PageModel
{
    public MapPoints.Result Map { get; private set; } = null!;
    public string DatasetName { get; private set; } = "";
    public Guid ResourceId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name, Guid id, CancellationToken ct)
    {
        var map = await points.ReadAsync(name, id, ct);
        if (map is null)
        {
            return NotFound();
        }

        (Map, DatasetName, ResourceId) = (map, name, id);
        return Page();
    }
}
