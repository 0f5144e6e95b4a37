using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Shell;

public sealed class LandingModel(MadoguchiDb db) : PageModel
{
    public sealed record Row(string Code, string Name, string NameEn, string Prefecture);

    public IReadOnlyList<Row> Tenants { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Tenants = await db.Tenants.OrderBy(t => t.Code)
            .Select(t => new Row(t.Code, t.Name, t.NameEn, t.Prefecture)).ToListAsync(ct);
}
