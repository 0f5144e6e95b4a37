using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Api;

/// <summary>A municipality's admin issues and revokes the API keys of core systems.</summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
public sealed class ApiClientsModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Department, bool MayDecide, DateTime CreatedAt, DateTime? RevokedAt);

    public sealed record DepartmentOption(Guid Id, string Name);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "名前を入力してください。")]
        [MaxLength(100, ErrorMessage = "名前は100文字以内で入力してください。")]
        public string? Name { get; set; }

        public Guid? DepartmentId { get; set; }

        public bool MayDecide { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<Row> Clients { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public string? NewKey { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewKey = TempData["api-key"] as string;
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.DepartmentId is { } d && !await db.Departments.AnyAsync(x => x.Id == d, ct))
        {
            ModelState.AddModelError("Input.DepartmentId", l["課を選び直してください。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var key = ApiClient.NewKey();
        db.Add(new ApiClient { Name = Input.Name!.Trim(), DepartmentId = Input.DepartmentId, MayDecide = Input.MayDecide, TokenHash = ApiClient.Hash(key) });
        await db.SaveChangesAsync(ct);
        // Shown once on the next page; only its hash is kept.
        TempData["api-key"] = key;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Set<ApiClient>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        client.RevokedAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["APIキーを失効させました。"].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Departments = await db.Departments.OrderBy(d => d.SortOrder).ThenBy(d => d.Name).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        var names = Departments.ToDictionary(d => d.Id, d => d.Name);
        var clients = await db.Set<ApiClient>().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync(ct);
        Clients = clients.Select(c => new Row(c.Id, c.Name, c.DepartmentId is { } d ? names.GetValueOrDefault(d) : null, c.MayDecide, c.CreatedAt, c.RevokedAt)).ToList();
    }
}
