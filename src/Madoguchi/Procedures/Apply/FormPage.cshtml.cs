using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Forms;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Apply;

/// <summary>
/// One page of the form. Each post binds and saves the page, so leaving at any point loses nothing;
/// 次へ also validates the page, 前へ and 一時保存 save what is there without complaining.
/// </summary>
[Authorize(Policy = SignedInResident.Policy)]
[RequestSizeLimit(12 * 1024 * 1024)]
public sealed class FormPageModel(MadoguchiDb db, FieldCipher fields, Drafts drafts, AttachmentStore attachments, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public OwnApplication? Own { get; private set; }
    public int PageIndex { get; private set; }
    public IHtmlContent Form { get; private set; } = HtmlString.Empty;
    public string? Notice { get; private set; }

    /// <summary>What the department asked to correct, while the application is back with the resident.</summary>
    public string? Correction { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int step, CancellationToken ct)
    {
        if (await LoadAsync(id, step, ct) is { } problem)
        {
            return problem;
        }

        Notice = TempData["notice"] as string;
        Form = FormRenderer.RenderPage(Own!.Template, PageIndex, Own.Data);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int step, CancellationToken ct)
    {
        if (await LoadAsync(id, step, ct) is { } problem)
        {
            return problem;
        }

        var own = Own!;
        // Enter in a text box submits without _go (the renderer puts an unnamed button first): that is 次へ.
        var go = Request.Form["_go"].ToString() is { Length: > 0 } chosen ? chosen : "next";
        var bound = FormBinder.BindPage(own.Template, PageIndex, own.Data, Request.Form);
        var errors = bound.Errors.ToList();
        foreach (var file in Request.Form.Files.Where(f => f.Length > 0 && f.Name.StartsWith("file:", StringComparison.Ordinal)))
        {
            var attachment = own.Template.Attachments.FirstOrDefault(a => a.Key == file.Name["file:".Length..]);
            if (attachment is not null && await attachments.SaveAsync(own.Application.Id, attachment, file, ct) is { } refused)
            {
                errors.Add(new FormError(file.Name, refused));
            }
        }

        var seen = int.TryParse(Request.Form["_version"], out var v) ? v : -1;
        var saved = await drafts.SaveAsync(own.Application.Id, own.Application.ResidentId!.Value, (await fields.SealAsync(own.Application, own.Template, bound.Data, ct)).ToJsonString(), PageIndex, seen, ct);
        if (saved == Drafts.SaveOutcome.Conflict)
        {
            TempData["notice"] = l["別の画面でこの申請が更新されました。最新の内容を表示しています。"].Value;
            return Redirect(PageUrl(PageIndex));
        }

        if (saved != Drafts.SaveOutcome.Saved)
        {
            return NotFound();
        }

        if (go == "next" && !bound.ItemsChanged)
        {
            errors.AddRange(FormValidation.ForPage(own.Template, PageIndex, bound.Data));
        }

        if (errors.Count > 0 || bound.ItemsChanged)
        {
            // Shown again with the saved data (its Version already moved with the save).
            Form = FormRenderer.RenderPage(own.Template, PageIndex, bound.Data, errors, bound.AttemptedValues);
            return Page();
        }

        var pages = own.Template.Layout.Pages.Count;
        return go switch
        {
            "back" => Redirect(PageUrl(Math.Max(0, PageIndex - 1))),
            "save" => SavedForLater(),
            _ when PageIndex + 1 < pages => Redirect(PageUrl(PageIndex + 1)),
            _ => Redirect($"/{tenant.Code}/applications/{own.Application.Id}/check"),
        };
    }

    private IActionResult SavedForLater()
    {
        TempData["notice"] = l["一時保存しました。続きはマイページの「申請一覧」から再開できます。"].Value;
        return Redirect(PageUrl(PageIndex));
    }

    private string PageUrl(int page) => $"/{tenant.Code}/applications/{Own!.Application.Id}/pages/{page}";

    private async Task<IActionResult?> LoadAsync(Guid id, int page, CancellationToken ct)
    {
        Own = await OwnApplication.LoadAsync(db, fields, User, id, ct);
        if (Own is null || page < 0 || page >= Own.Template.Layout.Pages.Count)
        {
            return NotFound();
        }

        // Editable while a draft, and again while the department asks for a correction (補正).
        if (!Drafts.IsEditable(Own.Application.Status))
        {
            return Redirect($"/{tenant.Code}/applications/{id}/receipt");
        }

        if (Own.Application.Status == ApplicationStatus.CorrectionRequested)
        {
            Correction = await Workflow.CaseFile.LatestCorrectionAsync(db, id, ct);
        }

        PageIndex = page;
        return null;
    }
}
