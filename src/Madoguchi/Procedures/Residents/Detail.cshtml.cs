using System.Text.Json;
using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Residents;

/// <summary>What a resident needs to know before applying: who handles it, how long it takes, what it costs, what to attach.</summary>
public sealed class ProcedureDetailModel(MadoguchiDb db) : PageModel
{
    public Procedure? Procedure { get; private set; }
    public string Department { get; private set; } = "";
    public IReadOnlyList<TemplateAttachment> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct)
    {
        Procedure = await db.Set<Procedure>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Key == key && p.Status == ProcedureStatus.Published, ct);
        if (Procedure is null)
        {
            return NotFound();
        }

        var procedureId = Procedure.Id;
        var number = Procedure.PublishedVersion;
        Department = await db.Departments.Where(d => d.Id == Procedure.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        Attachments = (await ProcedureDefinitions.LoadAsync(db, procedureId, number, ct)).Attachments;
        return Page();
    }
}
