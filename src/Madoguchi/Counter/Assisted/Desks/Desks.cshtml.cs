using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Assisted.Desks;

/// <summary>The municipality admin's list of counter desks with card readers: add one (its key is shown once), revoke one.</summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class DesksModel(MadoguchiDb db, TenantContext tenant, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Department, DateTime CreatedAt, DateTime? RevokedAt);
    public sealed record DepartmentOption(Guid Id, string Name);

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public Guid? DepartmentId { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];

    /// <summary>The new desk's key, shown once right after it is made.</summary>
    public string? NewKey { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var name = Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            ModelState.AddModelError(nameof(Name), l["窓口の名前を100文字以内で入力してください。"]);
        }

        if (DepartmentId is not { } department || Departments.All(d => d.Id != department))
        {
            ModelState.AddModelError(nameof(DepartmentId), l["課を選んでください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var key = CounterDesk.NewKey();
        db.Add(new CounterDesk { Name = name!, DepartmentId = DepartmentId!.Value, KeyHash = CounterDesk.Hash(key), CreatedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
        NewKey = key;
        Name = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var desk = await db.Set<CounterDesk>().SingleOrDefaultAsync(d => d.Id == id, ct);
        if (desk is null)
        {
            return NotFound();
        }

        if (desk.RevokedAt is null)
        {
            desk.RevokedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        TempData["notice"] = l["窓口のキーを無効にしました。"].Value;
        return Redirect($"/{tenant.Code}/staff/counter/desks");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        Rows = await db.Set<CounterDesk>().OrderBy(d => d.Name)
            .Join(db.Departments, d => d.DepartmentId, p => p.Id, (d, p) => new Row(d.Id, d.Name, p.Name, d.CreatedAt, d.RevokedAt))
            .ToListAsync(ct);
    }
}
