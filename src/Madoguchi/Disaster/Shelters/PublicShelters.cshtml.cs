using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Shelters;

/// <summary>The public list of shelters, open ones first with their occupancy; a list first, because it works on every phone and screen reader.</summary>
public sealed class PublicSheltersModel(MadoguchiDb db) : PageModel
{
    public sealed record Row(string Name, string Address, bool Open, ShelterOccupancy Occupancy, string? Note, int? Capacity, double? Latitude, double? Longitude, DateTime? UpdatedAt);

    public IReadOnlyList<Row> Shelters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Shelters = await db.Set<Shelter>().OrderByDescending(s => s.Open).ThenBy(s => s.Name)
            .Select(s => new Row(s.Name, s.Address, s.Open, s.Occupancy, s.Note, s.Capacity, s.Latitude, s.Longitude, s.StatusUpdatedAt)).ToListAsync(ct);
}
