using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Geography;

/// <summary>
/// The public facilities residents can choose as the place of a report (the way to give a place
/// without a map): entered one by one, or loaded from a CSV (UTF-8, BOM or Shift_JIS). A CSV is
/// taken whole or not at all; a facility of the same name is updated, not doubled.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
[RequestSizeLimit(MaxCsvBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxCsvBytes + 64 * 1024)]
public sealed class FacilityAdminModel(MadoguchiDb db, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxCsvBytes = 2 * 1024 * 1024;
    public const int MaxFacilities = 2000;
    private const int MaxProblemsShown = 10;

    public sealed record Row(Guid Id, string Name, string Address, double Latitude, double Longitude, bool OutsideArea);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "施設の名前を入力してください。")]
        [MaxLength(100, ErrorMessage = "施設の名前は100文字以内で入力してください。")]
        public string Name { get; set; } = "";

        [MaxLength(200, ErrorMessage = "住所は200文字以内で入力してください。")]
        public string? Address { get; set; }

        [Required(ErrorMessage = "緯度を入力してください。")]
        public string Latitude { get; set; } = "";

        [Required(ErrorMessage = "経度を入力してください。")]
        public string Longitude { get; set; } = "";
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Csv { get; set; }

    public IReadOnlyList<Row> Facilities { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var lat = FacilityCsv.Number(Input.Latitude ?? "");
        var lon = FacilityCsv.Number(Input.Longitude ?? "");
        if (!string.IsNullOrWhiteSpace(Input.Latitude) && lat is not (>= -90 and <= 90))
        {
            ModelState.AddModelError("Input.Latitude", l["緯度は -90〜90 の数で入力してください（例：38.5770）。"]);
        }

        if (!string.IsNullOrWhiteSpace(Input.Longitude) && lon is not (>= -180 and <= 180))
        {
            ModelState.AddModelError("Input.Longitude", l["経度は -180〜180 の数で入力してください（例：140.9556）。"]);
        }

        var name = Input.Name?.Trim() ?? "";
        if (name.Length > 0 && await db.Set<PublicFacility>().AnyAsync(f => f.Name == name, ct))
        {
            ModelState.AddModelError("Input.Name", l["同じ名前の施設がすでにあります。"]);
        }

        if (ModelState.IsValid && await AreaAsync(ct) is { } area && !area.Contains(lat!.Value, lon!.Value))
        {
            ModelState.AddModelError("Input.Latitude", l["この位置は市の区域の外です。緯度・経度を確かめてください。"]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        db.Add(new PublicFacility { TenantId = tenant.TenantId!.Value, Name = name, Address = Input.Address?.Trim() ?? "", Latitude = lat!.Value, Longitude = lon!.Value });
        if (!await TrySaveAsync(ct))
        {
            return Page();
        }

        TempData["notice"] = l["「{0}」を追加しました。", name].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (Csv is not { Length: > 0 } file)
        {
            return await RefuseAsync(l["CSV ファイルを選んでください。"]);
        }

        if (file.Length > MaxCsvBytes)
        {
            return await RefuseAsync(l["ファイルが大きすぎます。{0} MBまでにしてください。", MaxCsvBytes / 1024 / 1024]);
        }

        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var read = await FacilityCsv.ReadAsync(buffer.ToArray(), ct);
        var area = await AreaAsync(ct);
        var problems = read.Problems.Select(p => l[p.Message, p.Arguments].Value)
            .Concat(read.Rows.Where(r => area is not null && !area.Contains(r.Latitude, r.Longitude))
                .Select(r => l["{0}行目：「{1}」の位置は市の区域の外です。", r.Line, r.Name].Value))
            .ToList();
        if (problems.Count > 0)
        {
            foreach (var p in problems.Take(MaxProblemsShown))
            {
                ModelState.AddModelError("Csv", p);
            }

            if (problems.Count > MaxProblemsShown)
            {
                ModelState.AddModelError("Csv", l["ほかに{0}件の誤りがあります。", problems.Count - MaxProblemsShown]);
            }

            ModelState.AddModelError("", l["CSV に誤りがあるため、どの施設も登録していません。直してからもう一度読み込んでください。"]);
            await LoadAsync(ct);
            return Page();
        }

        var existing = await db.Set<PublicFacility>().ToDictionaryAsync(f => f.Name, ct);
        if (existing.Keys.Union(read.Rows.Select(r => r.Name)).Count() > MaxFacilities)
        {
            return await RefuseAsync(l["施設は{0}件までです。", MaxFacilities]);
        }

        var (added, updated) = (0, 0);
        foreach (var row in read.Rows)
        {
            if (existing.TryGetValue(row.Name, out var facility))
            {
                (facility.Address, facility.Latitude, facility.Longitude) = (row.Address, row.Latitude, row.Longitude);
                updated++;
            }
            else
            {
                db.Add(new PublicFacility { TenantId = tenant.TenantId!.Value, Name = row.Name, Address = row.Address, Latitude = row.Latitude, Longitude = row.Longitude });
                added++;
            }
        }

        if (!await TrySaveAsync(ct))
        {
            return Page();
        }

        TempData["notice"] = l["CSV を読み込みました（追加 {0} 件、更新 {1} 件）。", added, updated].Value;
        return RedirectToPage();

        async Task<IActionResult> RefuseAsync(string message)
        {
            ModelState.AddModelError("Csv", message);
            await LoadAsync(ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        var facility = await db.Set<PublicFacility>().SingleOrDefaultAsync(f => f.Id == id, ct);
        if (facility is not null)
        {
            db.Remove(facility);
            await db.SaveChangesAsync(ct);
            TempData["notice"] = l["「{0}」を削除しました。", facility.Name].Value;
        }

        return RedirectToPage();
    }

    private async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique (tenant, name) index: another admin added the same facility meanwhile.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が同じ名前の施設を先に登録しました。一覧を確かめてください。"]);
            await LoadAsync(ct);
            return false;
        }
    }

    private async Task<AreaPolygon?> AreaAsync(CancellationToken ct) =>
        await db.Set<ReportArea>().AsNoTracking().Select(a => a.GeoJson).SingleOrDefaultAsync(ct) is { } json ? AreaPolygon.TryParse(json) : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        var area = await AreaAsync(ct);
        var rows = await db.Set<PublicFacility>().AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        Facilities = rows.Select(f => new Row(f.Id, f.Name, f.Address, f.Latitude, f.Longitude, area is not null && !area.Contains(f.Latitude, f.Longitude))).ToList();
    }
}
