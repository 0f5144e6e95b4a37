using System.Text;
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
/// The municipality's area, against which reported places are checked: a GeoJSON file uploaded or
/// pasted (国土数値情報 行政区域 works as downloaded), validated before anything is stored, with a
/// Japanese message that says what is wrong. Removing it turns the check off.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantAdmin)]
[RequestSizeLimit(MaxFileBytes + 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 1024 * 1024, ValueLengthLimit = MaxFileBytes)]
public sealed class AreaAdminModel(MadoguchiDb db, TenantContext tenant, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int MaxFileBytes = 20 * 1024 * 1024;

    public sealed record Summary(int Polygons, int Points, double CentreLatitude, double CentreLongitude, int Bytes);

    [BindProperty]
    public string? GeoJson { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public Summary? Current { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        string text;
        var field = nameof(GeoJson);
        if (Upload is { Length: > 0 } file)
        {
            field = nameof(Upload);
            if (file.Length > MaxFileBytes)
            {
                ModelState.AddModelError(field, l["ファイルが大きすぎます。{0} MBまでにしてください。", MaxFileBytes / 1024 / 1024]);
                await LoadAsync(ct);
                return Page();
            }

            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(ct);
        }
        else
        {
            text = GeoJson ?? "";
        }

        var read = AreaGeoJson.Read(text, requireJapan: true);
        if (read.Problem is { } problem)
        {
            ModelState.AddModelError(field, l[problem.Message, problem.Arguments]);
            await LoadAsync(ct);
            return Page();
        }

        var area = await db.Set<ReportArea>().SingleOrDefaultAsync(ct);
        if (area is null)
        {
            db.Add(new ReportArea { TenantId = tenant.TenantId!.Value, GeoJson = text });
        }
        else
        {
            db.Entry(area).Property(a => a.Version).OriginalValue = Version;
            area.GeoJson = text;
        }

        if (!await TrySaveAsync(ct))
        {
            return Page();
        }

        TempData["notice"] = l["区域を保存しました（{0}個の区域、{1}点）。", read.Polygons, read.Points].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var area = await db.Set<ReportArea>().SingleOrDefaultAsync(ct);
        if (area is not null)
        {
            db.Entry(area).Property(a => a.Version).OriginalValue = Version;
            db.Remove(area);
            if (!await TrySaveAsync(ct))
            {
                return Page();
            }
        }

        TempData["notice"] = l["区域を削除しました。報告の場所は区域で確かめられなくなります。"].Value;
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
            // Another admin saved or removed the area since this page was shown (Version, or the
            // unique index when both added one at once).
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が先に区域を更新しました。画面を開き直して、もう一度操作してください。"]);
            await LoadAsync(ct);
            return false;
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var area = await db.Set<ReportArea>().AsNoTracking().SingleOrDefaultAsync(ct);
        Version = area?.Version ?? 0;
        Current = null;
        if (area is not null && AreaGeoJson.Read(area.GeoJson) is { Area: { } polygon } read)
        {
            var (lat, lon) = polygon.Centre();
            Current = new Summary(read.Polygons, read.Points, lat, lon, Encoding.UTF8.GetByteCount(area.GeoJson));
        }
    }
}
