using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Platform.Staff.Members;

[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class MemberDetailModel(
    MadoguchiDb db, TenantContext tenant, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record RoleRow(Guid Id, string Label);
    public sealed record DepartmentOption(Guid Id, string Name);

    public sealed class GrantInput
    {
        public StaffRoleKind Role { get; set; }
        public Guid? DepartmentId { get; set; }
    }

    [BindProperty]
    public GrantInput Grant { get; set; } = new();

    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public bool Locked { get; private set; }
    public bool TwoFactor { get; private set; }
    public IReadOnlyList<RoleRow> Roles { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(id, ct) is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostGrantAsync(Guid id, CancellationToken ct)
    {
        var member = await FindAsync(id, ct);
        if (member is null)
        {
            return NotFound();
        }

        Guid? department = Grant.Role == StaffRoleKind.TenantAdmin ? null : Grant.DepartmentId;
        if (Grant.Role != StaffRoleKind.TenantAdmin
            && (department is not { } d || !await db.Departments.AnyAsync(x => x.Id == d, ct)))
        {
            ModelState.AddModelError("Grant.DepartmentId", l["課を選んでください。"]);
            await LoadAsync(id, ct);
            return Page();
        }

        var exists = await db.Set<StaffRole>().AnyAsync(r => r.StaffUserId == id && r.Role == Grant.Role && r.DepartmentId == department, ct);
        if (!exists)
        {
            db.Add(new StaffRole { StaffUserId = id, Role = Grant.Role, DepartmentId = department });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Granted by a concurrent request: the unique index kept one.
            }

            await users.UpdateSecurityStampAsync(member);
        }

        TempData["notice"] = l["役割を追加しました。"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid roleId, CancellationToken ct)
    {
        var member = await FindAsync(id, ct);
        var role = await db.Set<StaffRole>().SingleOrDefaultAsync(r => r.Id == roleId && r.StaffUserId == id, ct);
        if (member is null || role is null)
        {
            return NotFound();
        }

        if (IsSelf(id) && role.Role == StaffRoleKind.TenantAdmin)
        {
            ModelState.AddModelError("", l["自分自身の管理者の役割は外せません。"]);
            await LoadAsync(id, ct);
            return Page();
        }

        db.Remove(role);
        await db.SaveChangesAsync(ct);
        // The member's cookie carries roles: a new security stamp makes it re-read them.
        await users.UpdateSecurityStampAsync(member);
        TempData["notice"] = l["役割を外しました。"].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>For a member who lost the authenticator: the key is replaced and they enrol again.</summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(Guid id, CancellationToken ct)
    {
        var member = await FindAsync(id, ct);
        if (member is null)
        {
            return NotFound();
        }

        await users.SetTwoFactorEnabledAsync(member, false);
        await users.ResetAuthenticatorKeyAsync(member);
        if (IsSelf(id))
        {
            await signIn.RefreshSignInAsync(member);
        }

        TempData["notice"] = l["二要素認証をリセットしました。"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLockAsync(Guid id, CancellationToken ct) => await SetLockAsync(id, true, ct);

    public async Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) => await SetLockAsync(id, false, ct);

    private async Task<IActionResult> SetLockAsync(Guid id, bool locked, CancellationToken ct)
    {
        var member = await FindAsync(id, ct);
        if (member is null)
        {
            return NotFound();
        }

        if (IsSelf(id) && locked)
        {
            ModelState.AddModelError("", l["自分自身はロックできません。"]);
            await LoadAsync(id, ct);
            return Page();
        }

        await users.SetLockoutEndDateAsync(member, locked ? DateTimeOffset.MaxValue : null);
        if (!locked)
        {
            await users.ResetAccessFailedCountAsync(member);
        }

        await users.UpdateSecurityStampAsync(member);
        TempData["notice"] = (locked ? l["アカウントをロックしました。"] : l["ロックを解除しました。"]).Value;
        return RedirectToPage(new { id });
    }

    private bool IsSelf(Guid id) => User.FindFirstValue(ClaimTypes.NameIdentifier) == id.ToString();

    // Staff of another municipality are "not found", never shown.
    private Task<StaffUser?> FindAsync(Guid id, CancellationToken ct) =>
        db.Users.SingleOrDefaultAsync(u => u.Id == id && u.TenantId == tenant.TenantId, ct);

    private async Task<StaffUser?> LoadAsync(Guid id, CancellationToken ct)
    {
        var member = await FindAsync(id, ct);
        if (member is null)
        {
            return null;
        }

        Name = member.DisplayName;
        Email = member.Email ?? "";
        Locked = member.LockoutEnd > DateTimeOffset.UtcNow;
        TwoFactor = member.TwoFactorEnabled;
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        var names = Departments.ToDictionary(d => d.Id, d => d.Name);
        Roles = (await db.Set<StaffRole>().Where(r => r.StaffUserId == id).ToListAsync(ct))
            .Select(r => new RoleRow(r.Id, r.DepartmentId is { } d && names.TryGetValue(d, out var n) ? $"{n} {RoleNames.Of(r.Role, l)}" : RoleNames.Of(r.Role, l)))
            .ToList();
        return member;
    }
}
