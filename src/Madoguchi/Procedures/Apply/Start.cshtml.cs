using Madoguchi.Platform.Data;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Apply;

/// <summary>Starts (or resumes) the resident's draft of a procedure, after checking the identity level it needs.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class StartApplicationModel(MadoguchiDb db, Drafts drafts, TenantContext tenant) : PageModel
{
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public bool NeedsCard { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct) =>
        await LoadAsync(key, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken ct)
    {
        if (!await LoadAsync(key, ct))
        {
            return NotFound();
        }

        if (NeedsCard)
        {
            return Page();
        }

        var draft = await drafts.StartAsync(key, SignedInResident.Id(User)!.Value, ct);
        return draft is null ? NotFound() : Redirect($"/{tenant.Code}/applications/{draft.Id}/pages/{draft.CurrentPage}");
    }

    private async Task<bool> LoadAsync(string key, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Key == key && p.Status == ProcedureStatus.Published, ct);
        if (procedure is null)
        {
            return false;
        }

        Key = procedure.Key;
        Title = procedure.Title;
        NeedsCard = procedure.Assurance == RequiredAssurance.MyNumberCard && !SignedInResident.SignedInWithCard(User);
        return true;
    }
}
