using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Platform.Staff.Departments;

[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class DepartmentsModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? NameEn);

    public sealed class InputModel
    {
        public Guid? Id { get; set; }
        public int Version { get; set; }

        [Required(ErrorMessage = "課の名前を入力してください。")]
        [MaxLength(60, ErrorMessage = "課の名前は60文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [MaxLength(100, ErrorMessage = "英語名は100文字以内で入力してください。")]
        public string? NameEn { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Departments { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? edit, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        if (edit is { } id)
        {
            var d = await db.Departments.SingleOrDefaultAsync(x => x.Id == id, ct);
            if (d is null)
            {
                return NotFound();
            }

            Input = new InputModel { Id = d.Id, Version = d.Version, Name = d.Name, NameEn = d.NameEn };
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var name = Input.Name?.Trim() ?? "";
        if (ModelState.IsValid && await db.Departments.AnyAsync(d => d.Name == name && d.Id != Input.Id, ct))
        {
            ModelState.AddModelError("Input.Name", l["同じ名前の課が既にあります。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        if (Input.Id is { } id)
        {
            var department = await db.Departments.SingleOrDefaultAsync(d => d.Id == id, ct);
            if (department is null)
            {
                return NotFound();
            }

            // The version the editor saw: if someone saved in between, EF's check fails below.
            db.Entry(department).Property(d => d.Version).OriginalValue = Input.Version;
            department.Name = name;
            department.NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim();
        }
        else
        {
            var order = await db.Departments.Select(d => (int?)d.SortOrder).MaxAsync(ct) ?? -1;
            db.Departments.Add(new Department { Name = name, NameEn = string.IsNullOrWhiteSpace(Input.NameEn) ? null : Input.NameEn.Trim(), SortOrder = order + 1 });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", l["他の職員が先にこの課を更新しました。画面を開き直して、もう一度操作してください。"]);
            await LoadAsync(ct);
            return Page();
        }
        catch (DbUpdateException)
        {
            ModelState.AddModelError("Input.Name", l["同じ名前の課が既にあります。"]);
            await LoadAsync(ct);
            return Page();
        }

        TempData["notice"] = l["保存しました。"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new Row(d.Id, d.Name, d.NameEn)).ToListAsync(ct);
}
