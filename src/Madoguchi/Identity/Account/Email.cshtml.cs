using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Madoguchi.Platform;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Account;

/// <summary>
/// A resident who signed in with the card (the card has no e-mail address) adds one for receipts
/// and notices. It counts only after the link mailed to it is opened (the same verification as
/// registration); until then it is not the account's address and blocks nobody's registration.
/// Password accounts keep the address they registered and sign in with.
/// </summary>
[Authorize(Policy = ResidentPolicies.Resident)]
public sealed class EmailModel(
    MadoguchiDb db, TenantContext tenant, MailOutbox outbox, IOptions<PlatformOptions> platform, IStringLocalizer<SharedResource> l, TimeProvider time) : PageModel
{
    public sealed class EmailInput
    {
        public string? Email { get; set; }
    }

    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public string? Current { get; private set; }
    public bool Confirmed { get; private set; }
    public bool PasswordAccount { get; private set; }
    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Redirect($"/{tenant.Code}/account/login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await LoadAsync();
        if (account is null)
        {
            return Redirect($"/{tenant.Code}/account/login");
        }

        if (PasswordAccount)
        {
            return Page();
        }

        ModelState.Clear();
        var email = Input.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError("Input.Email", l["メールアドレスを入力してください。"]);
        }
        else if (email.Length > 254 || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.Email", l["メールアドレスの形式が正しくありません。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        account.Email = email;
        // Set when the link is opened (VerifyEmail), so an address typed by mistake claims nothing.
        account.NormalizedEmail = null;
        account.EmailConfirmed = false;
        account.TokenHash = RegisterModel.HashToken(token);
        account.TokenExpiresAt = time.GetUtcNow().UtcDateTime + RegisterModel.VerificationLifetime;
        var baseUrl = platform.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
        outbox.Enqueue(email!, l["【{0}】メールアドレスの確認", tenant.Name!].Value, string.Join("\n\n",
            l["{0} 様", account.Name].Value,
            l["次のリンクを開いて、メールアドレスの確認を完了してください。リンクの有効期限は24時間です。"].Value,
            baseUrl + $"/{tenant.Code}/account/verify-email?id={account.Id}&token={token}",
            l["お心当たりのない場合は、このメールを破棄してください。"].Value));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        (Current, Confirmed, Sent) = (email, false, true);
        return Page();
    }

    private async Task<ResidentAccount?> LoadAsync()
    {
        var id = User.ResidentId();
        var account = await db.Set<ResidentAccount>().SingleOrDefaultAsync(r => r.Id == id, HttpContext.RequestAborted);
        if (account is not null)
        {
            (Current, Confirmed, PasswordAccount) = (account.Email, account.EmailConfirmed, account.PasswordHash is not null);
        }

        return account;
    }
}
