using System.Security.Claims;
using System.Text.Json.Nodes;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Signatures;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Apply;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Review;

/// <summary>
/// The case page: an arrived application read back in the form's words, its history, thread, notes
/// and attachments, and the actions its department's staff may take now. Another department's
/// application is not found, for reading and for every action.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ApplicationReviewModel(MadoguchiDb db, FieldCipher fields, Casework casework, Decisions decisions,
    IApplicationSignatures signatures, TenantContext tenant, IStringLocalizer<SharedResource> l, IApplicationFees fees, IFeePayments payments) : PageModel
{
    public OwnApplication? Own { get; private set; }

    /// <summary>The application's fee and how it stands (paid, owed after approval, expired); null when it has none.</summary>
    public FeeQuote? Fee { get; private set; }

    public PaidFee? Paid { get; private set; }
    public IReadOnlyList<FormSummary.Section> Summary { get; private set; } = [];
    public sealed record Attached(Guid Id, string FileName, string ContentType, long Size);

    public IReadOnlyList<Attached> Attachments { get; private set; } = [];
    public CaseFile Case { get; private set; } = new([], [], []);
    public IReadOnlyList<StaffMember> Assignees { get; private set; } = [];
    public string? AssigneeName { get; private set; }
    public bool CanWork { get; private set; }
    public bool CanDecide { get; private set; }
    public string? Notice { get; private set; }

    /// <summary>The newest stored signature, its agreement with the application as it is now, and the signer's fields against the entered ones.</summary>
    public SignatureView? Signature { get; private set; }
    public bool SignatureCoversApplication { get; private set; }
    public IReadOnlyList<SignerMatch.Row> SignerRows { get; private set; } = [];

    public Guid StaffId => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public bool Allows(CaseAction action) => ReviewTransitions.Allows(Own!.Application.Status, action);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAssignAsync(Guid id, int version, string? assignee, CancellationToken ct) =>
        ActAsync(id, "assignee", l["担当者を変更しました。"].Value, () => casework.AssignAsync(id, version,
            assignee == "me" ? StaffId : Guid.TryParse(assignee, out var a) ? a : null, StaffId, ct), ct);

    public Task<IActionResult> OnPostStartAsync(Guid id, int version, CancellationToken ct) =>
        ActAsync(id, "", l["審査を開始しました。"].Value, () => casework.StartReviewAsync(id, version, StaffId, ct), ct);

    public Task<IActionResult> OnPostCorrectionAsync(Guid id, int version, string? correction, CancellationToken ct) =>
        ActAsync(id, "correction", l["補正を依頼しました。"].Value, () => casework.RequestCorrectionAsync(id, version, correction ?? "", StaffId, ct), ct);

    public Task<IActionResult> OnPostMessageAsync(Guid id, int version, string? message, CancellationToken ct) =>
        ActAsync(id, "message", l["メッセージを送りました。"].Value, () => casework.WriteAsync(id, version, message ?? "", StaffId, ct), ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, int version, string? note, CancellationToken ct) =>
        ActAsync(id, "note", l["内部メモを追加しました。"].Value, () => casework.AddNoteAsync(id, version, note ?? "", StaffId, ct), ct);

    public Task<IActionResult> OnPostDecideAsync(Guid id, int version, string? decision, string? reason, CancellationToken ct) =>
        decision is not ("approve" or "reject")
            ? Task.FromResult<IActionResult>(BadRequest())
            : ActAsync(id, "reason", decision == "approve" ? l["承認しました。"].Value : l["不承認としました。"].Value,
                () => decisions.DecideAsync(id, version, decision == "approve", reason, StaffId, ct), ct);

    /// <summary>Checks the stored signature again now (revocation since signing, content unchanged); the audit trail records it.</summary>
    public async Task<IActionResult> OnPostReverifyAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var outcome = await signatures.ReverifyAsync(id, (await DocumentAsync(ct)).Bytes, ct);
        if (outcome.Failure is { } failure && outcome.Signature is null)
        {
            ModelState.AddModelError("", l[failure.Message]);
            return Page();
        }

        TempData["notice"] = outcome.Valid ? l["署名を再検証しました（署名検証: 有効）。"].Value : l["署名を再検証しました（署名検証: 無効）。"].Value;
        return Redirect($"{Request.PathBase}{Request.Path}");
    }

    private async Task<SignedContent.Document> DocumentAsync(CancellationToken ct) =>
        await SignedContent.BuildAsync(db, Own!.Application, Own.Procedure.Key, tenant.Code!, await fields.OpenAsync(Own.Application, ct), ct);

    /// <summary>Runs an action; on refusal the page is shown again with why, and nothing was changed.</summary>
    private async Task<IActionResult> ActAsync(Guid id, string field, string done, Func<Task<CaseResult>> action, CancellationToken ct)
    {
        var result = await action();
        switch (result.Outcome)
        {
            case CaseOutcome.Done:
                TempData["notice"] = done;
                return Redirect($"{Request.PathBase}{Request.Path}");
            case CaseOutcome.NotFound:
                return NotFound();
            case CaseOutcome.Invalid:
                ModelState.AddModelError(field, field switch
                {
                    "assignee" => l["この課の職員から担当者を選んでください。"],
                    "correction" => l["補正をお願いする内容を2000文字以内で入力してください。"],
                    "reason" => l["不承認の理由を2000文字以内で入力してください。"],
                    "note" => l["メモを2000文字以内で入力してください。"],
                    _ => l["メッセージを2000文字以内で入力してください。"],
                });
                break;
            case CaseOutcome.Stale:
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.AddModelError("", l["この申請は、画面を表示した後に別の職員または申請者が更新しました。何も変更していません。最新の内容を確認してから、もう一度操作してください。"]);
                break;
            case CaseOutcome.NotAllowed:
                Response.StatusCode = StatusCodes.Status409Conflict;
                ModelState.AddModelError("", l["この申請は「{0}」のため、この操作はできません。何も変更していません。", l[ApplicationStatusNames.Of(result.Status!.Value)]]);
                break;
            case CaseOutcome.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                ModelState.AddModelError("", l["承認・不承認は、この課の決裁者または管理者だけが行えます。"]);
                break;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var scope = StaffScope.Of(User);
        var application = await db.Set<Application>().AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id && a.Status != ApplicationStatus.Draft, ct);
        var procedure = application is null ? null : await db.Set<Procedure>().AsNoTracking().SingleAsync(p => p.Id == application.ProcedureId, ct);
        if (application is null || procedure is null || !scope.Covers(procedure.DepartmentId))
        {
            return false;
        }

        var template = await ProcedureDefinitions.LoadAsync(db, procedure.Id, application.ProcedureVersion, ct);
        Own = new OwnApplication(application, procedure, template);
        var data = await fields.OpenAsync(application, ct);
        Summary = FormSummary.Of(template, data);
        Signature = await signatures.CurrentAsync(id, ct);
        if (Signature is not null)
        {
            SignatureCoversApplication = Signature.DocumentSha256 == (await DocumentAsync(ct)).Sha256;
            SignerRows = SignerMatch.Compare(Signature.Signer, data);
        }

        Attachments = await db.Set<ApplicationAttachment>().Where(a => a.ApplicationId == id)
            .OrderBy(a => a.UploadedAt).Select(a => new Attached(a.Id, a.FileName, a.ContentType, a.Size)).ToListAsync(ct);
        Case = await CaseFile.ForStaffAsync(db, id, ct);
        if (template.Fee.AmountYen > 0 && await fees.QuoteAsync(id, ct) is { TotalYen: > 0 } quote)
        {
            Fee = quote;
            Paid = await payments.LatestPaidAsync(id, ct);
        }

        var rights = await StaffRights.LoadAsync(db, StaffId, ct);
        CanWork = rights.CanWork(procedure.DepartmentId);
        CanDecide = rights.CanDecide(procedure.DepartmentId);
        Assignees = await StaffRights.AssigneesAsync(db, procedure.DepartmentId, ct);
        AssigneeName = application.AssigneeId is { } assignee
            ? await db.Users.Where(u => u.Id == assignee).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        return true;
    }
}
