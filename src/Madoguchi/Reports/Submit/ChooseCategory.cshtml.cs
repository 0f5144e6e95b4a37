using Madoguchi.Platform.Data;
using Madoguchi.Reports.Catalogue;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Submit;

/// <summary>The first step of reporting: what kind of problem (each kind asks its own questions).</summary>
public sealed class ChooseCategoryModel(MadoguchiDb db) : PageModel
{
    public sealed record Option(string Code, string Name, string Description);

    public IReadOnlyList<Option> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Categories = await db.Set<ReportCategory>().Where(c => c.Active).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new Option(c.Code, c.Name, c.Description)).ToListAsync(ct);
}
