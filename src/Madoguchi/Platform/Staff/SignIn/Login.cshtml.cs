using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Platform.Staff.SignIn;

[EnableRateLimiting(PlatformModule.SignInRateLimit)]
public sealed class LoginModel(SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [MaxLength(256, ErrorMessage = "メールアドレスが長すぎます。")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "パスワードを入力してください。")]
        [MaxLength(200, ErrorMessage = "パスワードが長すぎます。")]
        public string Password { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("LoginCode", new { returnUrl = SafeReturnUrl() });
        }

        ModelState.AddModelError("", result.IsLockedOut
            ? l["ログインに続けて失敗したため、このアカウントは一時的にロックされています。15分ほど待ってからお試しください。"]
            : l["メールアドレスまたはパスワードが正しくありません。"]);
        return Page();
    }

    private string SafeReturnUrl() => ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/staff";
}
