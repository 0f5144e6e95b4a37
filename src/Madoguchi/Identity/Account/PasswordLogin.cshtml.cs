using Madoguchi.Platform;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Identity.Account;

/// <summary>
/// E-mail + password sign-in, the lower assurance level. Five wrong passwords lock the account for
/// fifteen minutes, as for staff; the rate limit per address slows guessing across accounts.
/// </summary>
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
public sealed class PasswordLoginModel(
    MadoguchiDb db, TenantContext tenant, IPasswordHasher<ResidentAccount> hasher,
    IStringLocalizer<SharedResource> l, TimeProvider time) : ResidentFormPage
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public sealed class LoginInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    public string TenantCode => tenant.Code!;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", l["メールアドレスを入力してください。"]);
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["パスワードを入力してください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var normalized = Input.Email!.Trim().ToUpperInvariant();
        var account = await db.Set<ResidentAccount>()
            .SingleOrDefaultAsync(r => r.NormalizedEmail == normalized && r.PasswordHash != null, HttpContext.RequestAborted);
        if (account is null)
        {
            // Same answer as a wrong password: the form does not reveal who is registered.
            hasher.HashPassword(new ResidentAccount { Name = "" }, Input.Password!);
            return Refused(l["メールアドレスまたはパスワードが正しくありません。"]);
        }

        if (account.LockoutEnd > now)
        {
            return Refused(l["パスワードを続けて間違えたため、ログインを一時的に止めています。15分ほど待ってから、もう一度お試しください。"]);
        }

        var verified = hasher.VerifyHashedPassword(account, account.PasswordHash!, Input.Password!);
        account.Version++;
        if (verified == PasswordVerificationResult.Failed)
        {
            account.AccessFailedCount++;
            var lockedNow = account.AccessFailedCount >= MaxFailedAttempts;
            if (lockedNow)
            {
                account.LockoutEnd = now + LockoutDuration;
                account.AccessFailedCount = 0;
            }

            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return Refused(lockedNow
                ? l["パスワードを続けて間違えたため、ログインを一時的に止めています。15分ほど待ってから、もう一度お試しください。"]
                : l["メールアドレスまたはパスワードが正しくありません。"]);
        }

        if (!account.EmailConfirmed)
        {
            return Refused(l["メールアドレスの確認が済んでいません。届いたメールのリンクを開いてください。"]);
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, Input.Password!);
        }

        account.AccessFailedCount = 0;
        account.LockoutEnd = null;
        account.LastSignInAt = now;
        account.Assurance = AssuranceLevel.Password;
        await db.SaveChangesAsync(HttpContext.RequestAborted);

        await HttpContext.SignInAsync(IdentityModule.ResidentScheme, ResidentClaims.Principal(account, AssuranceLevel.Password));
        return Redirect($"/{tenant.Code}/account");
    }

    private PageResult Refused(string message)
    {
        ModelState.AddModelError("", message);
        Input.Password = null;
        return Page();
    }
}
