using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.Shelters;

/// <summary>The municipality's shelters: import of the standard CSV (危機管理課) and the way to each shelter's status page (any staff running a shelter).</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ShelterAdminModel(MadoguchiDb db, DisasterAccess access, ShelterImport import, IStringLocalizer<SharedResource> l) : PageModel
{
    private const long MaxFileBytes = 5 * 1024 * 1024;

    public sealed record Row(Guid Id, string Name, string Address, bool Open, ShelterOccupancy Occupancy, int? Capacity);

    public IReadOnlyList<Row> Shelters { get; private set; } = [];
    public bool CanImport { get; private set; }
    public ShelterImport.Report? Result { get; private set; }

    [BindProperty]
    public IFormFile? Csv { get; set; }

    [BindProperty]
    public bool ShelterList { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!CanImport)
        {
            return Forbid();
        }

        if (Csv is null || Csv.Length == 0)
        {
            ModelState.AddModelError(nameof(Csv), l["CSVファイルを選んでください。"]);
            return Page();
        }

        if (Csv.Length > MaxFileBytes)
        {
            ModelState.AddModelError(nameof(Csv), l["ファイルが大きすぎます（5MBまで）。"]);
            return Page();
        }

        using var buffer = new MemoryStream();
        await Csv.CopyToAsync(buffer, ct);
        Result = await import.ImportAsync(buffer.ToArray(), ShelterList, ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanImport = DisasterAccess.IsStaff(User, await access.SettingsAsync(ct));
        Shelters = await db.Set<Shelter>().OrderByDescending(s => s.Open).ThenBy(s => s.Name)
            .Select(s => new Row(s.Id, s.Name, s.Address, s.Open, s.Occupancy, s.Capacity)).ToListAsync(ct);
    }
}
