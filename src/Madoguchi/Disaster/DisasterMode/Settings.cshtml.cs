using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.DisasterMode;

/// <summary>
/// The disaster-mode switch (危機管理課 or the municipality's admin) and, for the admin only, which
/// department is 危機管理課 and whether notices need a second person's approval.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class SettingsModel(MadoguchiDb db, DisasterAccess access, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record DepartmentOption(Guid Id, string Name);

    public DisasterSettings Settings { get; private set; } = null!;
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public bool IsAdmin { get; private set; }
    public string? Notice { get; private set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public bool DisasterMode { get; set; }
    [BindProperty] public Guid? DepartmentId { get; set; }
    [BindProperty] public bool RequireApproval { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostModeAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        return await SaveAsync(s =>
        {
            s.DisasterModeSince = DisasterMode && !s.DisasterMode ? DateTime.UtcNow : DisasterMode ? s.DisasterModeSince : null;
            s.DisasterMode = DisasterMode;
        }, DisasterMode ? l["災害モードにしました。トップページは災害用の軽いページになります。"] : l["災害モードを終了しました。"], ct);
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
        {
            return refused;
        }

        if (!IsAdmin)
        {
            return Forbid();
        }

        if (DepartmentId is { } d && Departments.All(x => x.Id != d))
        {
            ModelState.AddModelError(nameof(DepartmentId), l["担当課を選んでください。"]);
            return Page();
        }

        return await SaveAsync(s =>
        {
            s.DepartmentId = DepartmentId;
            s.RequireApproval = RequireApproval;
        }, l["保存しました。"], ct);
    }

    private async Task<IActionResult> SaveAsync(Action<DisasterSettings> change, string done, CancellationToken ct)
    {
        if (db.Entry(Settings).State == EntityState.Detached)
        {
            db.Add(Settings);
        }
        else
        {
            db.Entry(Settings).Property(s => s.Version).OriginalValue = Version;
        }

        change(Settings);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent edit (Version) or a concurrent first save (unique per municipality).
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が先に設定を変更しました。画面を開き直して、もう一度操作してください。"]);
            await LoadAsync(ct);
            return Page();
        }

        TempData["notice"] = done;
        return RedirectToPage();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        Settings = await access.SettingsAsync(ct);
        IsAdmin = DisasterAccess.IsAdmin(User);
        if (!DisasterAccess.IsStaff(User, Settings))
        {
            return Forbid();
        }

        Departments = await db.Departments.OrderBy(d => d.SortOrder).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        return null;
    }
}
