using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Builder;

/// <summary>The procedures a member of staff may build, and a new one from a blank form or a template.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class BuilderIndexModel(MadoguchiDb db, ProcedureBuilder builder, TemplateLibrary templates, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(string Key, string Title, string Department, ProcedureStatus Status, int PublishedVersion);
    public sealed record Option(string Value, string Text);

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "手続のキーを入力してください。")]
        [StringLength(80, ErrorMessage = "手続のキーは80文字以内にしてください。")]
        [RegularExpression("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", ErrorMessage = "手続のキーは半角英小文字・数字・ハイフンで書いてください（例: gomi-shushu）。")]
        public string? Key { get; set; }

        [Required(ErrorMessage = "手続名を入力してください。")]
        [StringLength(200, ErrorMessage = "手続名は200文字以内にしてください。")]
        public string? Title { get; set; }

        public Guid DepartmentId { get; set; }
        public string? TemplateKey { get; set; }
    }

    [BindProperty]
    public CreateInput Create { get; set; } = new();

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Option> Departments { get; private set; } = [];
    public IReadOnlyList<Option> Templates { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!BuilderAccess.MayBuild(User))
        {
            return Forbid();
        }

        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (!BuilderAccess.MayBuild(User))
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            var problem = await builder.CreateAsync(Create.Key!, Create.Title!.Trim(), Create.DepartmentId, Create.TemplateKey, User, BuilderAccess.StaffId(User), ct);
            if (problem is null)
            {
                TempData["notice"] = l["「{0}」の下書きを作りました。項目を追加して公開してください。", Create.Title].Value;
                return Redirect($"/{tenant.Code}/staff/builder/{Create.Key}");
            }

            ModelState.AddModelError("Create.Key", l[problem.Message, problem.Arguments]);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name).Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var editable = departments.Where(d => BuilderAccess.CanEdit(User, d.Id)).ToList();
        Departments = editable.Select(d => new Option(d.Id.ToString(), d.Name)).ToList();
        if (Create.DepartmentId == Guid.Empty && editable.Count > 0)
        {
            Create.DepartmentId = editable[0].Id;
        }
        var ids = editable.Select(d => d.Id).ToList();
        var names = departments.ToDictionary(d => d.Id, d => d.Name);
        var procedures = await db.Set<Procedure>().Where(p => ids.Contains(p.DepartmentId)).OrderBy(p => p.Title)
            .Select(p => new { p.Key, p.Title, p.DepartmentId, p.Status, p.PublishedVersion }).ToListAsync(ct);
        Rows = procedures.Select(p => new Row(p.Key, p.Title, names.GetValueOrDefault(p.DepartmentId, ""), p.Status, p.PublishedVersion)).ToList();
        Templates = templates.All.OrderBy(t => t.Category).ThenBy(t => t.Title).Select(t => new Option(t.Key, $"{t.Title}（{t.Category}）")).ToList();
    }

    public static string StatusText(ProcedureStatus status) => status switch
    {
        ProcedureStatus.Published => "公開中",
        ProcedureStatus.Closed => "受付停止",
        _ => "準備中",
    };
}
