using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Account;

/// <summary>
/// Registration for residents without a My Number card. The page answers the same whether or not
/// the address is already registered, so it cannot be used to find out who has an account.
/// </summary>
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
public sealed class RegisterModel(
    MadoguchiDb db, TenantContext tenant, MailOutbox outbox, IPasswordHasher<ResidentAccount> hasher,
    IOptions<PlatformOptions> platform, IStringLocalizer<SharedResource> l, TimeProvider time) : ResidentFormPage
{
    public const int MinimumPasswordLength = 12;
    public static readonly TimeSpan VerificationLifetime = TimeSpan.FromHours(24);

    public sealed class RegisterInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public bool Sent { get; private set; }
    public string TenantCode => tenant.Code!;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var name = Input.Name?.Trim();
        var email = Input.Email?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError("Input.Name", l["氏名を入力してください。"]);
        }
        else if (name.Length > 100)
        {
            ModelState.AddModelError("Input.Name", l["氏名は100文字以内で入力してください。"]);
        }

        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError("Input.Email", l["メールアドレスを入力してください。"]);
        }
        else if (email.Length > 254 || !new EmailAddressAttribute().IsValid(email) || !email.Contains('.', StringComparison.Ordinal))
        {
            ModelState.AddModelError("Input.Email", l["メールアドレスの形式が正しくありません。"]);
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["パスワードを入力してください。"]);
        }
        else if (Input.Password.Length < MinimumPasswordLength)
        {
            ModelState.AddModelError("Input.Password", l["パスワードは12文字以上で入力してください。"]);
        }
        else if (Input.Password.Length > 128)
        {
            ModelState.AddModelError("Input.Password", l["パスワードは128文字以内で入力してください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var normalized = email!.ToUpperInvariant();
        var existing = await db.Set<ResidentAccount>().AnyAsync(r => r.NormalizedEmail == normalized, HttpContext.RequestAborted);
        if (existing)
        {
            outbox.Enqueue(email, l["【{0}】登録済みのメールアドレスです", tenant.Name!].Value, string.Join("\n\n",
                l["このメールアドレスは、すでに登録されています。ログイン画面からログインしてください。"].Value,
                BaseUrl() + $"/{tenant.Code}/account/password-login"));
        }
        else
        {
            var token = Base64Url(RandomNumberGenerator.GetBytes(32));
            var account = new ResidentAccount
            {
                TenantId = tenant.TenantId!.Value,
                Name = name!,
                Email = email,
                NormalizedEmail = normalized,
                Assurance = AssuranceLevel.Password,
                TokenHash = HashToken(token),
                TokenExpiresAt = time.GetUtcNow().UtcDateTime + VerificationLifetime,
            };
            account.PasswordHash = hasher.HashPassword(account, Input.Password!);
            db.Add(account);
            var link = BaseUrl() + $"/{tenant.Code}/account/verify-email?id={account.Id}&token={token}";
            outbox.Enqueue(email, l["【{0}】メールアドレスの確認", tenant.Name!].Value, string.Join("\n\n",
                l["{0} 様", name!].Value,
                l["次のリンクを開いて、メールアドレスの確認を完了してください。リンクの有効期限は24時間です。"].Value,
                link,
                l["お心当たりのない場合は、このメールを破棄してください。"].Value));
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Sent = true;
        return Page();
    }

    private string BaseUrl() => platform.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    internal static string HashToken(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
