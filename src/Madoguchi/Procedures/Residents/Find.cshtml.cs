using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Catalogue;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Residents;

/// <summary>
/// Residents find procedures by keyword or life event. Matching is a substring test on the Japanese
/// text, so two-character terms (保育, 介護, 転入) hit; there are few procedures per municipality.
/// </summary>
public sealed class FindProceduresModel(MadoguchiDb db) : PageModel
{
    public static readonly string[] LifeEventNames = ["妊娠・出産", "子育て", "介護", "引越し", "災害", "死亡"];

    public sealed record Row(string Key, string Title, string TitleEn, string Description, string DescriptionEn, string Department);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Event { get; set; }

    public IReadOnlyList<Row> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.Set<Procedure>().Where(p => p.Status == ProcedureStatus.Published);
        var term = Q?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            term = term.Length > 100 ? term[..100] : term;
            query = query.Where(p => p.Title.Contains(term) || p.Keywords.Contains(term) || p.Description.Contains(term) || p.TitleEn.ToLower().Contains(term.ToLower()));
        }

        if (Event is { } lifeEvent && LifeEventNames.Contains(lifeEvent))
        {
            var wrapped = "|" + lifeEvent + "|";
            query = query.Where(p => p.LifeEvents.Contains(wrapped));
        }
        else
        {
            Event = null;
        }

        Results = await query.OrderBy(p => p.Category).ThenBy(p => p.Title)
            .Select(p => new Row(p.Key, p.Title, p.TitleEn, p.Description, p.DescriptionEn,
                db.Departments.Where(d => d.Id == p.DepartmentId).Select(d => d.Name).FirstOrDefault() ?? ""))
            .ToListAsync(ct);
    }
}
