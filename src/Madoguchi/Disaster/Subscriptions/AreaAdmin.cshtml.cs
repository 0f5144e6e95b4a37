using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.Subscriptions;

/// <summary>The municipality's 地区 / 町名 list, kept by 危機管理課 or the municipality's admin.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class AreaAdminModel(MadoguchiDb db, DisasterAccess access, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? NameEn, bool Active, int Subscribers);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "地区名を入力してください。")]
        [MaxLength(60, ErrorMessage = "地区名は60文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [MaxLength(100, ErrorMessage = "英語の地区名は100文字以内で入力してください。")]
        public string? NameEn { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Areas { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!DisasterAccess.IsStaff(User, await access.SettingsAsync(ct)))
        {
            return Forbid();
        }

        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!DisasterAccess.IsStaff(User, await access.SettingsAsync(ct)))
        {
            return Forbid();
        }

        var name = Input.Name.Trim();
        if (ModelState.IsValid && await db.Set<DisasterArea>().AnyAsync(a => a.Name == name, ct))
        {
            ModelState.AddModelError("Input.Name", l["この地区名は既に登録されています。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var order = await db.Set<DisasterArea>().Select(a => (int?)a.SortOrder).MaxAsync(ct) ?? 0;
        db.Add(new DisasterArea { Name = name, NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim(), SortOrder = order + 1 });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Name", l["この地区名は既に登録されています。"]);
            await LoadAsync(ct);
            return Page();
        }

        TempData["notice"] = l["地区「{0}」を追加しました。", name].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Areas = await db.Set<DisasterArea>().OrderBy(a => a.SortOrder).ThenBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Name, a.NameEn, a.Active,
                db.Set<SubscriberArea>().Count(sa => sa.AreaId == a.Id
                    && db.Set<Subscriber>().Any(s => s.Id == sa.SubscriberId && s.ConfirmedAt != null && s.UnsubscribedAt == null))))
            .ToListAsync(ct);
    }
}
