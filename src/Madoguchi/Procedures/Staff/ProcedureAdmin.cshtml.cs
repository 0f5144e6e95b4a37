using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Templates;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Staff;

/// <summary>A tenant admin offers procedures: each of the 28 priority templates is one action away.</summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class ProcedureAdminModel(MadoguchiDb db, TemplateLibrary templates, TemplateEnabler enabler, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record EnabledRow(string Key, string Title, string Department, int Version);
    public sealed record TemplateRow(string Key, string Title, string Category, Guid? SuggestedDepartment);
    public sealed record DepartmentOption(Guid Id, string Name);

    public IReadOnlyList<EnabledRow> Enabled { get; private set; } = [];
    public IReadOnlyList<TemplateRow> Available { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(string templateKey, Guid departmentId, CancellationToken ct)
    {
        var template = templates.Find(templateKey);
        if (template is null)
        {
            return NotFound();
        }

        var staffId = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var outcome = await enabler.EnableAsync(template, departmentId, staffId, ct);
        if (outcome == TemplateEnabler.Outcome.UnknownDepartment)
        {
            ModelState.AddModelError("", l["選んだ課が見つかりません。"]);
            await LoadAsync(ct);
            return Page();
        }

        TempData["notice"] = (outcome == TemplateEnabler.Outcome.Enabled
            ? l["「{0}」を追加し、公開しました。", template.Title]
            : l["「{0}」は既に追加されています。", template.Title]).Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name)
            .Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        Departments = departments.Select(d => new DepartmentOption(d.Id, d.Name)).ToList();
        var names = departments.ToDictionary(d => d.Id, d => d.Name);
        var enabled = await db.Set<Procedure>().OrderBy(p => p.Title)
            .Select(p => new { p.Key, p.Title, p.DepartmentId, p.PublishedVersion }).ToListAsync(ct);
        Enabled = enabled.Select(p => new EnabledRow(p.Key, p.Title, names.GetValueOrDefault(p.DepartmentId, ""), p.PublishedVersion)).ToList();
        var taken = enabled.Select(p => p.Key).ToHashSet();
        var tuples = departments.Select(d => (d.Id, d.Name)).ToList();
        Available = templates.All.Where(t => !taken.Contains(t.Key))
            .OrderBy(t => t.Category).ThenBy(t => t.Title)
            .Select(t => new TemplateRow(t.Key, t.Title, t.Category, TemplateEnabler.SuggestDepartment(t, tuples)))
            .ToList();
    }
}
