using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Forms;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Apply;

/// <summary>The check page: everything entered, what is still missing (with links to its page), and the submit button.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class CheckApplicationModel(MadoguchiDb db, FieldCipher fields, Submission submission, ResidentCase cases, TenantContext tenant,
    Platform.Signatures.IApplicationSignatures signatures, Platform.Payments.IFeePayments payments, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Problem(int Page, string Label, string Message);

    public OwnApplication? Own { get; private set; }
    public IReadOnlyList<FormSummary.Section> Summary { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public sealed record Attached(Guid Id, string Text);

    public IReadOnlyList<Attached> Attachments { get; private set; } = [];

    /// <summary>The valid signature over exactly what would be submitted now, if any.</summary>
    public Platform.Signatures.SignatureView? Signature { get; private set; }

    /// <summary>A signature exists but covers an earlier state of the application.</summary>
    public bool SignatureStale { get; private set; }

    /// <summary>The fee as the answers stand now (computed here, never posted by the browser).</summary>
    public IReadOnlyList<Platform.Payments.FeeLine> Fee { get; private set; } = [];

    public long FeeTotal => Fee.Sum(f => f.AmountYen);

    /// <summary>A fee paid before submission is still owed: the button leads to payment, not to submission.</summary>
    public bool NeedsPayment { get; private set; }

    /// <summary>What the department asked to correct, while the application is back with the resident.</summary>
    public string? Correction { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, int version, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            // The second click of 再提出する (the form posts the version) can arrive after the first
            // committed: the application is back under review, and the detail page says so.
            return Request.Form.ContainsKey("version") && Own is { Application.ReceiptNumber: not null }
                ? Redirect($"/{tenant.Code}/account/applications/{id}")
                : early;
        }

        if (Problems.Count > 0)
        {
            return Page();
        }

        if (NeedsPayment)
        {
            // Pay-before-submission: the application arrives when its fee is paid (Payments module).
            return Redirect($"/{tenant.Code}/payments/applications/{id}");
        }

        var email = User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value;
        if (Own!.Application.Status == ApplicationStatus.CorrectionRequested)
        {
            // 再提出: the same 到達番号. A double click's second post finds the version moved and
            // changes nothing; both land on the detail page, which shows what happened.
            var result = await cases.ResubmitAsync(id, Own.Application.ResidentId!.Value, version, email, ct);
            if (result.Outcome == CaseOutcome.NotFound)
            {
                return NotFound();
            }

            if (result.Done)
            {
                TempData["notice"] = l["修正した内容で再提出しました。"].Value;
            }

            return Redirect($"/{tenant.Code}/account/applications/{id}");
        }

        var (receipt, refused) = await submission.SubmitAsync(id, Own.Application.ResidentId!.Value, mailTo: null, ct);
        return refused switch
        {
            Submission.Refusal.NotFound => NotFound(),
            Submission.Refusal.ProcedureNotOpen => Redirect($"/{tenant.Code}/procedures"),
            _ => Redirect($"/{tenant.Code}/applications/{id}/receipt"),
        };
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Own = await OwnApplication.LoadAsync(db, fields, User, id, ct);
        if (Own is null)
        {
            return NotFound();
        }

        if (!Drafts.IsEditable(Own.Application.Status))
        {
            return Redirect($"/{tenant.Code}/applications/{id}/receipt");
        }

        if (Own.Application.Status == ApplicationStatus.CorrectionRequested)
        {
            Correction = await Workflow.CaseFile.LatestCorrectionAsync(db, id, ct);
        }

        var data = Own.Data;
        Summary = FormSummary.Of(Own.Template, data);
        var uploaded = await db.Set<ApplicationAttachment>().Where(a => a.ApplicationId == id)
            .Select(a => new { a.Id, a.AttachmentKey, a.FileName }).ToListAsync(ct);
        Attachments = uploaded.Select(u => new Attached(u.Id, $"{Own.Template.Attachments.FirstOrDefault(a => a.Key == u.AttachmentKey)?.Label}：{u.FileName}")).ToList();

        var problems = FormValidation.Whole(Own.Template, data)
            .Select(e => new Problem(FormSummary.PageOf(Own.Template, e.Pointer), FormSummary.LabelOf(Own.Template, e.Pointer), e.Message))
            .ToList();
        foreach (var required in Own.Template.Attachments.Where(a => a.Required && uploaded.All(u => u.AttachmentKey != a.Key)))
        {
            problems.Add(new Problem(FormSummary.PageOfAttachment(Own.Template, required.Key), required.Label, "添付してください。"));
        }

        if (Own.Template.Signature != Templates.SignatureRequirement.NotAsked)
        {
            var document = await SignedContent.BuildAsync(db, Own.Application, Own.Procedure.Key, tenant.Code!, data, ct);
            var current = await signatures.CurrentAsync(id, ct);
            Signature = current is { LastFailure: null } && current.DocumentSha256 == document.Sha256 ? current : null;
            SignatureStale = current is not null && Signature is null;
            if (Own.Template.Signature == Templates.SignatureRequirement.Required && Signature is null)
            {
                // Page -1: the link of this problem goes to the signature page, not to a form page.
                problems.Add(new Problem(-1, l["電子署名"], l["この手続は、マイナンバーカードによる電子署名が必要です。"]));
            }
        }

        Problems = problems;
        Fee = Fees.FeeCalculator.Lines(Own.Template, data);
        NeedsPayment = Own.Application.Status == ApplicationStatus.Draft && FeeTotal > 0
            && Own.Template.Fee.Timing == Platform.Payments.PaymentTiming.BeforeSubmission
            && await payments.PaidYenAsync(id, ct) < FeeTotal;
        return null;
    }
}
