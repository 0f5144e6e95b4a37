using System.Text.Json.Nodes;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// The working draft as residents will see it, page by page, drawn by the same <see cref="FormRenderer"/>.
/// Test data posted here is bound and validated like a resident's, and then forgotten: nothing is saved,
/// no upload is stored.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
[RequestSizeLimit(2 * 1024 * 1024)]
public sealed class BuilderPreviewModel(ProcedureBuilder builder, TenantContext tenant) : PageModel
{
    public ProcedureTemplate Definition { get; private set; } = null!;
    public int PageIndex { get; private set; }
    public IHtmlContent Form { get; private set; } = HtmlString.Empty;
    public IReadOnlyList<DefinitionProblem> Problems { get; private set; } = [];
    public bool Checked { get; private set; }
    public string Key { get; private set; } = "";

    public string EditUrl => $"/{tenant.Code}/staff/builder/{Key}";

    public string PageUrl(int page) => $"{EditUrl}/preview/{page}";

    public async Task<IActionResult> OnGetAsync(string key, int step, CancellationToken ct)
    {
        if (await LoadAsync(key, step, ct) is { } denied)
        {
            return denied;
        }

        Form = FormRenderer.RenderPage(Definition, PageIndex, new JsonObject());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key, int step, CancellationToken ct)
    {
        if (await LoadAsync(key, step, ct) is { } denied)
        {
            return denied;
        }

        var bound = FormBinder.BindPage(Definition, PageIndex, new JsonObject(), Request.Form);
        var errors = bound.Errors.ToList();
        // A schema our validator cannot compile is listed among the problems above; nothing to validate with.
        if (!bound.ItemsChanged && !Problems.Any(p => p.Message.StartsWith("スキーマ", StringComparison.Ordinal) || p.Message.StartsWith("データのスキーマ", StringComparison.Ordinal)))
        {
            errors.AddRange(FormValidation.ForPage(Definition, PageIndex, bound.Data));
            Checked = errors.Count == 0;
        }

        Form = FormRenderer.RenderPage(Definition, PageIndex, bound.Data, errors, bound.AttemptedValues);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string key, int step, CancellationToken ct)
    {
        if (!BuilderAccess.MayBuild(User))
        {
            return Forbid();
        }

        if (await builder.LoadAsync(key, User, ct) is not { } loaded)
        {
            return NotFound();
        }

        Definition = loaded.Draft.ToTemplate();
        if (step < 0 || step >= Definition.Layout.Pages.Count)
        {
            return NotFound();
        }

        Key = key;
        PageIndex = step;
        Problems = DefinitionCheck.Problems(Definition);
        return null;
    }
}
