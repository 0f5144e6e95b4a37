using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Identity.Signatures;

/// <summary>
/// Where the デジタル認証アプリ sends the resident back after signing (redirect_uri, one per
/// municipality). The result goes to the application's signature page; only a callback that
/// names no transaction of this resident is answered here.
/// </summary>
[Authorize(Policy = SignedInResident.Policy)]
internal sealed class SignCallbackModel(ApplicationSignatureService signatures, TenantContext tenant) : PageModel
{
    public const string NoticeKey = "signature-notice";
    public const string ErrorKey = "signature-error";

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? state, string? code, string? error, CancellationToken ct)
    {
        var resident = SignedInResident.Id(User);
        if (resident is null)
        {
            return Forbid();
        }

        var (applicationId, outcome) = await signatures.CompleteAppSigningAsync(state, code, error, resident.Value, ct);
        if (applicationId is null)
        {
            Message = outcome.Failure!.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (outcome.Failure is { } failure)
        {
            TempData[ErrorKey] = failure.Message;
        }
        else
        {
            TempData[NoticeKey] = "電子署名を確認しました（署名検証: 有効）。";
        }

        return Redirect($"/{tenant.Code}/applications/{applicationId}/sign");
    }
}
