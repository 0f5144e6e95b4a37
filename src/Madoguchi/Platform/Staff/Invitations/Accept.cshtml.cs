using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Platform.Staff.Invitations;

/// <summary>The invited person sets a password; the account, its role and the invitation's removal commit together.</summary>
[EnableRateLimiting(PlatformModule.SignInRateLimit)]
public sealed class AcceptInvitationModel(
    MadoguchiDb db, TenantContext tenant, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "氏名を入力してください。")]
        [MaxLength(100, ErrorMessage = "氏名は100文字以内で入力してください。")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "パスワードを入力してください。")]
        [MaxLength(200, ErrorMessage = "パスワードが長すぎます。")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "確認のため、パスワードをもう一度入力してください。")]
        [Compare(nameof(Password), ErrorMessage = "確認用のパスワードが一致しません。")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Valid { get; private set; }
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var invitation = await FindAsync(token, ct);
        if (invitation is not null)
        {
            Input.DisplayName = invitation.DisplayName;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        var invitation = await FindAsync(token, ct);
        if (invitation is null || !ModelState.IsValid)
        {
            return Page();
        }

        var user = new StaffUser
        {
            UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true,
            DisplayName = Input.DisplayName.Trim(), TenantId = tenant.TenantId,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var e in created.Errors)
            {
                ModelState.AddModelError(e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : "", l[e.Description]);
            }

            return Page();
        }

        db.Add(new StaffRole { StaffUserId = user.Id, Role = invitation.Role, DepartmentId = invitation.DepartmentId });
        db.Remove(invitation);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect("/staff");
    }

    private async Task<StaffInvitation?> FindAsync(string token, CancellationToken ct)
    {
        var hash = StaffInvitation.Hash(token);
        var invitation = await db.Set<StaffInvitation>().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        Valid = invitation is not null && invitation.ExpiresAt > DateTime.UtcNow;
        Email = invitation?.Email ?? "";
        return Valid ? invitation : null;
    }
}
