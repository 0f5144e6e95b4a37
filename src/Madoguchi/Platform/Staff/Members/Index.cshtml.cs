using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
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

namespace Madoguchi.Platform.Staff.Members;

[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class MembersModel(
    MadoguchiDb db, TenantContext tenant, MailOutbox outbox, IOptions<PlatformOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Member(Guid Id, string Name, string Email, IReadOnlyList<string> Roles, bool Locked, bool TwoFactor);
    public sealed record DepartmentOption(Guid Id, string Name);
    public sealed record PendingInvitation(string Email, string DisplayName, DateTime ExpiresAt);

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [MaxLength(256, ErrorMessage = "メールアドレスが長すぎます。")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "氏名を入力してください。")]
        [MaxLength(100, ErrorMessage = "氏名は100文字以内で入力してください。")]
        public string DisplayName { get; set; } = "";

        public StaffRoleKind Role { get; set; } = StaffRoleKind.Reviewer;
        public Guid? DepartmentId { get; set; }
    }

    [BindProperty]
    public InviteInput Invite { get; set; } = new();

    public IReadOnlyList<Member> Members { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public IReadOnlyList<PendingInvitation> Pending { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var email = Invite.Email.Trim();
        if (Invite.Role != StaffRoleKind.TenantAdmin)
        {
            if (Invite.DepartmentId is not { } deptId)
            {
                ModelState.AddModelError("Invite.DepartmentId", l["課を選んでください。"]);
            }
            else if (!await db.Departments.AnyAsync(d => d.Id == deptId, ct))
            {
                ModelState.AddModelError("Invite.DepartmentId", l["選んだ課が見つかりません。"]);
            }
        }

        if (ModelState.IsValid && await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct))
        {
            ModelState.AddModelError("Invite.Email", l["このメールアドレスの職員は既に登録されています。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var token = StaffInvitation.NewToken();
        var existing = await db.Set<StaffInvitation>().SingleOrDefaultAsync(i => i.Email == email, ct);
        var invitation = existing ?? new StaffInvitation { Email = email, DisplayName = "", TokenHash = "" };
        invitation.DisplayName = Invite.DisplayName.Trim();
        invitation.Role = Invite.Role;
        invitation.DepartmentId = Invite.Role == StaffRoleKind.TenantAdmin ? null : Invite.DepartmentId;
        invitation.TokenHash = StaffInvitation.Hash(token);
        invitation.InvitedBy = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        invitation.ExpiresAt = DateTime.UtcNow.AddDays(7);
        if (existing is null)
        {
            db.Add(invitation);
        }

        var link = $"{BaseUrl()}/{tenant.Code}/staff/invitations/{token}";
        outbox.Enqueue(email, $"【{tenant.Name}】窓口 Madoguchi 職員アカウントへの招待",
            $"{invitation.DisplayName} 様\n\n{tenant.Name}の窓口 Madoguchi に職員として招待されました。\n" +
            $"次のリンクを開き、パスワードを設定してください（有効期限：7日間）。\n\n{link}\n\n" +
            "このメールに心当たりがない場合は、破棄してください。\n");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same invitation was sent a moment ago (a double submit): the unique index kept one.
            TempData["notice"] = l["{0} さんは既に招待されています。", email].Value;
            return RedirectToPage();
        }

        TempData["notice"] = l["{0} さんに招待メールを送りました。", email].Value;
        return RedirectToPage();
    }

    private string BaseUrl() => options.Value.PublicBaseUrl?.TrimEnd('/') ?? $"{Request.Scheme}://{Request.Host}";

    private async Task LoadAsync(CancellationToken ct)
    {
        var tenantId = tenant.TenantId!.Value;
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        var names = Departments.ToDictionary(d => d.Id, d => d.Name);
        var users = await db.Users.Where(u => u.TenantId == tenantId).OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.LockoutEnd, u.TwoFactorEnabled }).ToListAsync(ct);
        var roles = await db.Set<StaffRole>().Select(r => new { r.StaffUserId, r.Role, r.DepartmentId }).ToListAsync(ct);
        Members = users.Select(u => new Member(u.Id, u.DisplayName, u.Email ?? "",
            roles.Where(r => r.StaffUserId == u.Id)
                .Select(r => r.DepartmentId is { } d && names.TryGetValue(d, out var n) ? $"{n} {RoleNames.Of(r.Role, l)}" : RoleNames.Of(r.Role, l))
                .ToList(),
            u.LockoutEnd > DateTimeOffset.UtcNow, u.TwoFactorEnabled)).ToList();
        Pending = await db.Set<StaffInvitation>().OrderBy(i => i.Email)
            .Select(i => new PendingInvitation(i.Email, i.DisplayName, i.ExpiresAt)).ToListAsync(ct);
    }
}
