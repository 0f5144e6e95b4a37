using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Protection;
using Madoguchi.Platform.Signatures;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Madoguchi.Platform.Residents;

namespace Madoguchi.Procedures.Apply;

/// <summary>
/// Signing the application before it is submitted (押印の代わり): with the My Number card
/// through the デジタル認証アプリ, or by uploading a detached CMS/PKCS#7 signature over the
/// canonical JSON offered for download here. What is signed is <see cref="SignedContent"/>.
/// </summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class SignApplicationModel(MadoguchiDb db, FieldCipher fields, IApplicationSignatures signatures, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Detached signatures are a few kilobytes; anything far larger is not one.</summary>
    public const int MaxSignatureBytes = 64 * 1024;

    public OwnApplication? Own { get; private set; }
    public SignedContent.Document? Document { get; private set; }
    public SignatureView? Current { get; private set; }
    public bool CurrentMatches => Current is { LastFailure: null } c && Document is { } d && c.DocumentSha256 == d.Sha256;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            return early;
        }

        Notice = TempData["signature-notice"] as string;
        if (TempData["signature-error"] is string error)
        {
            ModelState.AddModelError("", l[error]);
        }

        return Page();
    }

    /// <summary>The exact bytes to sign (RFC 8785), for residents who sign with other software.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? File(Document!.Bytes, "application/json", $"application-{id}.json");

    public async Task<IActionResult> OnPostAppAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            return early;
        }

        var (url, failure) = await signatures.StartAppSigningAsync(id, Own!.Application.ResidentId!.Value, Document!.Bytes, ct);
        if (url is not null)
        {
            return Redirect(url.ToString());
        }

        ModelState.AddModelError("", l[failure!.Message]);
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? signatureFile, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } early)
        {
            return early;
        }

        if (signatureFile is null || signatureFile.Length == 0)
        {
            ModelState.AddModelError("signatureFile", l["署名ファイルを選んでください。"]);
            return Page();
        }

        if (signatureFile.Length > MaxSignatureBytes)
        {
            ModelState.AddModelError("signatureFile", l["署名ファイルが大きすぎます（64KBまで）。"]);
            return Page();
        }

        using var buffer = new MemoryStream();
        await signatureFile.CopyToAsync(buffer, ct);
        var outcome = await signatures.VerifyUploadAsync(id, Own!.Application.ResidentId!.Value, Document!.Bytes, buffer.ToArray(), ct);
        if (outcome.Failure is { } failure)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            ModelState.AddModelError("signatureFile", l[failure.Message]);
            return Page();
        }

        TempData["signature-notice"] = "電子署名を確認しました（署名検証: 有効）。";
        return Redirect($"/{tenant.Code}/applications/{id}/sign");
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

        if (Own.Template.Signature == SignatureRequirement.NotAsked)
        {
            return Redirect($"/{tenant.Code}/applications/{id}/check");
        }

        Document = await SignedContent.BuildAsync(db, Own.Application, Own.Procedure.Key, tenant.Code!, Own.Data, ct);
        Current = await signatures.CurrentAsync(id, ct);
        return null;
    }
}
