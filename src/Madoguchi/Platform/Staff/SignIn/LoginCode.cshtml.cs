using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Platform.Staff.SignIn;

/// <summary>Second step of sign-in for staff with TOTP enabled.</summary>
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
public sealed class LoginCodeModel(SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "確認コードを入力してください。")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "確認コードは6桁の数字で入力してください。")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("Login");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Code.Replace(" ", "", StringComparison.Ordinal).Trim(), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/staff");
        }

        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? l["ログインに続けて失敗したため、このアカウントは一時的にロックされています。15分ほど待ってからお試しください。"]
            : l["確認コードが正しくありません。"]);
        return Page();
    }
}
