using Madoguchi.Counter.Assisted.Visits;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Assisted;

/// <summary>
/// The interview layout: staff ask and fill one page of one procedure's form at a time (the same form
/// engine as online). 次へ validates the page; after a procedure's last page the next procedure opens
/// with what was entered so far carried over, and after the last one the visitor's confirmation.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
[RequestSizeLimit(12 * 1024 * 1024)]
public sealed class InterviewModel(Visits.CounterVisits visits, IAssistedApplications applications, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public Visits.CounterVisits.Loaded? Loaded { get; private set; }
    public Visits.CounterVisits.Part? Part { get; private set; }
    public int FormIndex { get; private set; }
    public int PageIndex { get; private set; }
    public IHtmlContent Form { get; private set; } = HtmlString.Empty;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int form, int step, CancellationToken ct)
    {
        if (await LoadAsync(id, form, step, ct) is { } problem)
        {
            return problem;
        }

        Notice = TempData["notice"] as string;
        Form = await applications.RenderPageAsync(Part!.Link.ApplicationId, step, ct) ?? HtmlString.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int form, int step, CancellationToken ct)
    {
        if (await LoadAsync(id, form, step, ct) is { } problem)
        {
            return problem;
        }

        var go = Request.Form["_go"].ToString() is { Length: > 0 } chosen ? chosen : "next";
        var seen = int.TryParse(Request.Form["_version"], out var v) ? v : -1;
        var result = await applications.SavePageAsync(Part!.Link.ApplicationId, step, Request.Form, validate: go == "next", seen, ct);
        switch (result.Outcome)
        {
            case AssistedSaveOutcome.NotFound:
                return NotFound();
            case AssistedSaveOutcome.NotADraft:
                return Redirect(VisitUrl);
            case AssistedSaveOutcome.Conflict:
                TempData["notice"] = l["別の画面でこの申請が更新されました。最新の内容を表示しています。"].Value;
                return Redirect(PageUrl(form, step));
        }

        // Whatever the visitor confirmed before no longer holds once a form changes.
        await visits.ReopenAsync(id, ct);
        if (result.Redisplay is { } again)
        {
            Form = again;
            Part = Part with { Draft = (await applications.FindAsync(Part.Link.ApplicationId, ct))! };
            return Page();
        }

        var pages = Part.Draft.PageTitles.Count;
        if (go == "back")
        {
            return step > 0 ? Redirect(PageUrl(form, step - 1)) : form > 0 ? Redirect(PageUrl(form - 1, Loaded!.Parts[form - 1].Draft.PageTitles.Count - 1)) : Redirect(PageUrl(form, 0));
        }

        if (go == "save")
        {
            TempData["notice"] = l["保存しました。"].Value;
            return Redirect(PageUrl(form, step));
        }

        if (step + 1 < pages)
        {
            return Redirect(PageUrl(form, step + 1));
        }

        if (form + 1 < Loaded!.Parts.Count)
        {
            // Entered once: the visitor's own facts typed into this form fill the blanks of the next ones.
            var next = Loaded.Parts[form + 1].Link.ApplicationId;
            for (var earlier = 0; earlier <= form; earlier++)
            {
                await applications.CarryOverAsync(Loaded.Parts[earlier].Link.ApplicationId, next, ct);
            }

            return Redirect(PageUrl(form + 1, 0));
        }

        return Redirect($"{VisitUrl}/confirm");
    }

    private string VisitUrl => $"/{tenant.Code}/staff/counter/visits/{Loaded!.Visit.Id}";

    public string PageUrl(int form, int step) => $"{VisitUrl}/forms/{form}/pages/{step}";

    private async Task<IActionResult?> LoadAsync(Guid id, int form, int step, CancellationToken ct)
    {
        Loaded = await visits.LoadAsync(id, User, ct);
        if (Loaded is null || form < 0 || form >= Loaded.Parts.Count)
        {
            return NotFound();
        }

        Part = Loaded.Parts[form];
        if (step < 0 || step >= Part.Draft.PageTitles.Count)
        {
            return NotFound();
        }

        if (Loaded.Visit.Status == VisitStatus.Submitted || Part.Draft.ReceiptNumber is not null)
        {
            return Redirect(VisitUrl);
        }

        FormIndex = form;
        PageIndex = step;
        return null;
    }
}
