using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Admin;

[Authorize(Policy = StaffPolicies.PlatformAdmin)]
public sealed class PlatformAdminModel(MadoguchiDb db, AuditVerifier verifier, TenantDirectory directory, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(string Code, string Name, int StaffCount);

    public sealed class TenantInput
    {
        [Required(ErrorMessage = "全国地方公共団体コードを入力してください。")]
        [RegularExpression(@"^\d{6}$", ErrorMessage = "全国地方公共団体コードは6桁の数字で入力してください。")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "名称を入力してください。")]
        [MaxLength(100, ErrorMessage = "名称は100文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "英語名を入力してください。")]
        [MaxLength(100, ErrorMessage = "英語名は100文字以内で入力してください。")]
        public string NameEn { get; set; } = "";

        [Required(ErrorMessage = "都道府県を入力してください。")]
        [MaxLength(20, ErrorMessage = "都道府県は20文字以内で入力してください。")]
        public string Prefecture { get; set; } = "";
    }

    [BindProperty]
    public TenantInput NewTenant { get; set; } = new();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnPostAddTenantAsync(CancellationToken ct)
    {
        var code = NewTenant.Code?.Trim() ?? "";
        if (ModelState.IsValid && !MunicipalityCode.IsValid(code))
        {
            ModelState.AddModelError("NewTenant.Code", l["全国地方公共団体コードの検査数字が正しくありません。"]);
        }

        if (ModelState.IsValid && await db.Tenants.AnyAsync(t => t.Code == code, ct))
        {
            ModelState.AddModelError("NewTenant.Code", l["この団体コードの自治体は既に登録されています。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        db.Tenants.Add(new Tenant { Code = code, Name = NewTenant.Name.Trim(), NameEn = NewTenant.NameEn.Trim(), Prefecture = NewTenant.Prefecture.Trim() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Added by a concurrent request: the unique index on the code kept one.
            ModelState.AddModelError("NewTenant.Code", l["この団体コードの自治体は既に登録されています。"]);
            await LoadAsync(ct);
            return Page();
        }

        directory.Invalidate();
        TempData["notice"] = l["{0} を追加しました。", NewTenant.Name.Trim()].Value;
        return RedirectToPage();
    }

    public IReadOnlyList<Row> Tenants { get; private set; } = [];
    public AuditVerifier.Result? Verification { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task OnPostVerifyAsync(CancellationToken ct)
    {
        Verification = await verifier.VerifyAsync(null, ct);
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Tenants = await db.Tenants.OrderBy(t => t.Code)
            .Select(t => new Row(t.Code, t.Name, db.Users.Count(u => u.TenantId == t.Id)))
            .ToListAsync(ct);
}
