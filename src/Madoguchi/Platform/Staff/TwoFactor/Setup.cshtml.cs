using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Madoguchi.Platform.Staff.TwoFactor;

/// <summary>
/// TOTP (RFC 6238) enrolment with ASP.NET Core Identity's authenticator token provider. Also the
/// step-up page for an admin who signed in without a second factor.
/// </summary>
[Authorize(Policy = StaffPolicies.Staff)]
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
public sealed class SetupModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "確認コードを入力してください。")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "確認コードは6桁の数字で入力してください。")]
    public string Code { get; set; } = "";

    public bool Enabled { get; private set; }
    public bool SignedInWithSecondFactor { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(Code));
        if (!valid)
        {
            ModelState.AddModelError(nameof(Code), l["確認コードが正しくありません。時刻がずれていないか確認してください。"]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await SignInWithSecondFactorAsync(user);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var user = await LoadAsync();
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Normalize(Code)))
        {
            await users.AccessFailedAsync(user);
            ModelState.AddModelError(nameof(Code), l["確認コードが正しくありません。"]);
            return Page();
        }

        await SignInWithSecondFactorAsync(user);
        return LocalRedirect("/staff");
    }

    private async Task SignInWithSecondFactorAsync(StaffUser user) =>
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);

    private async Task<StaffUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return null;
        }

        Enabled = await users.GetTwoFactorEnabledAsync(user);
        SignedInWithSecondFactor = StaffTwoFactor.SignedInWithSecondFactor(User);
        if (!Enabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
                // Resetting the key changes the security stamp; reissue this session's cookie.
                await signIn.RefreshSignInAsync(user);
            }

            SharedKey = FormatKey(key!);
            var uri = $"otpauth://totp/{Uri.EscapeDataString("Madoguchi:" + user.Email)}?secret={key}&issuer=Madoguchi&digits=6";
            using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
            QrSvg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true)
                .Replace("<svg ", $"<svg role=\"img\" aria-label=\"{l["認証アプリ用のQRコード"]}\" ", StringComparison.Ordinal);
        }

        return user;
    }

    private static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Trim();

    private static string FormatKey(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return sb.ToString().TrimEnd().ToLowerInvariant();
    }
}
