using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Apply;

/// <summary>Starts (or resumes) the resident's draft of a procedure, after checking the identity level it needs.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class StartApplicationModel(MadoguchiDb db, Drafts drafts, Prefill prefill, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public bool NeedsCard { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken ct) =>
        await LoadAsync(key, ct) ? Page() : NotFound();

    /// <summary>The resident's consent to fill the form from what the city knows (default: no).</summary>
    [BindProperty]
    public bool UsePrefill { get; set; }

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

        var resident = SignedInResident.Id(User)!.Value;
        var draft = await drafts.StartAsync(key, resident, ct);
        if (draft is null)
        {
            return NotFound();
        }

        // Only into a draft nothing was typed into yet: prefill never overwrites the resident's own entries.
        if (UsePrefill && draft.Data == "{}")
        {
            var template = await ProcedureDefinitions.LoadAsync(db, draft.ProcedureId, draft.ProcedureVersion, ct);
            var filled = await prefill.ForAsync(template, resident, ct);
            if (filled.Labels.Count > 0
                && await drafts.SaveAsync(draft.Id, resident, filled.Data.ToJsonString(), draft.CurrentPage, draft.Version, ct) == Drafts.SaveOutcome.Saved)
            {
                TempData["notice"] = l["登録されている情報と以前の申請から、次の項目を入力しました。内容を確かめて、違うところは直してください：{0}", string.Join("、", filled.Labels)].Value;
            }
        }

        return Redirect($"/{tenant.Code}/applications/{draft.Id}/pages/{draft.CurrentPage}");
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
