using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Reservations;

/// <summary>The municipality's counter services: book one, or go to the kiosk and the board.</summary>
public sealed class ServiceListModel(MadoguchiDb db) : PageModel
{
    public sealed record Row(string Code, string Name, string Department, string Description, bool Reservable);

    public IReadOnlyList<Row> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Services = await db.Set<CounterService>().Where(s => s.Active)
            .Join(db.Departments, s => s.DepartmentId, d => d.Id, (s, d) => new { s, d })
            .OrderBy(x => x.d.SortOrder).ThenBy(x => x.s.SortOrder).ThenBy(x => x.s.Name)
            .Select(x => new Row(x.s.Code, x.s.Name, x.d.Name, x.s.Description, x.s.Reservable))
            .ToListAsync(ct);
    }
}
