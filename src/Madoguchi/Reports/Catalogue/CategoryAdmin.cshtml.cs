using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Catalogue;

/// <summary>
/// The municipality's report categories: take the standard set, and per category its name, the
/// department that answers it, the duplicate radius and whether residents can choose it.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class CategoryAdminModel(MadoguchiDb db, StandardCategoryInstaller standard, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Code, string Name, string Department, int Radius, bool Active, int Questions);
    public sealed record DepartmentOption(Guid Id, string Name);

    public sealed class InputModel
    {
        public Guid? Id { get; set; }
        public int Version { get; set; }

        [Required(ErrorMessage = "種類の名前を入力してください。")]
        [MaxLength(60, ErrorMessage = "種類の名前は60文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [MaxLength(500, ErrorMessage = "説明は500文字以内で入力してください。")]
        public string? Description { get; set; }

        [Required(ErrorMessage = "担当課を選んでください。")]
        public Guid? DepartmentId { get; set; }

        [Range(10, 1000, ErrorMessage = "重複とみなす距離は10〜1000mで入力してください。")]
        public int DuplicateRadiusMeters { get; set; } = 50;

        public bool Active { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Categories { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public IReadOnlyList<CategoryQuestion> Questions { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        if (edit is { } id)
        {
            var c = await db.Set<ReportCategory>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (c is null)
            {
                return NotFound();
            }

            Input = new InputModel
            {
                Id = c.Id, Version = c.Version, Name = c.Name, Description = c.Description, DepartmentId = c.DepartmentId,
                DuplicateRadiusMeters = c.DuplicateRadiusMeters, Active = c.Active,
            };
            Questions = c.Questions;
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStandardAsync(CancellationToken ct)
    {
        var added = await standard.AddMissingAsync(ct);
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["{0} 件の種類を追加しました。", added].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var category = Input.Id is { } id ? await db.Set<ReportCategory>().SingleOrDefaultAsync(c => c.Id == id, ct) : null;
        if (category is null)
        {
            return NotFound();
        }

        if (Input.DepartmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department, ct))
        {
            ModelState.AddModelError("Input.DepartmentId", l["担当課を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            Questions = category.Questions;
            await LoadAsync(ct);
            return Page();
        }

        db.Entry(category).Property(c => c.Version).OriginalValue = Input.Version;
        category.Name = Input.Name.Trim();
        category.Description = Input.Description?.Trim() ?? "";
        category.DepartmentId = Input.DepartmentId!.Value;
        category.DuplicateRadiusMeters = Input.DuplicateRadiusMeters;
        category.Active = Input.Active;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が先にこの種類を更新しました。画面を開き直して、もう一度操作してください。"]);
            await LoadAsync(ct);
            return Page();
        }

        TempData["notice"] = l["保存しました。"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Departments = await db.Departments.OrderBy(d => d.SortOrder).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        var rows = await db.Set<ReportCategory>().AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(ct);
        Categories = rows.Select(c => new Row(c.Id, c.Code, c.Name, Departments.FirstOrDefault(d => d.Id == c.DepartmentId)?.Name ?? "", c.DuplicateRadiusMeters, c.Active, c.Questions.Count)).ToList();
    }
}
