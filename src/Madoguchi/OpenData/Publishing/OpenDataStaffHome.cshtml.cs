using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.OpenData.Publishing;

/// <summary>
/// The datasets a member of staff publishes (their departments'; admins: all), the publication
/// requests waiting for the DX office, the standard datasets the municipality still lacks, and
/// (admins) whether publication needs review.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class OpenDataStaffHomeModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Department, bool Published, bool ReviewRequested, DateTime UpdatedAt);

    public IReadOnlyList<Row> Datasets { get; private set; } = [];
    public IReadOnlyList<StandardDataset> MissingStandards { get; private set; } = [];
    public bool IsAdmin { get; private set; }
    public bool CanPublish { get; private set; }
    public bool RequireReview { get; private set; }
    public int SettingsVersion { get; private set; }
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        var scope = PublisherScope.Of(User);
        IsAdmin = scope.All;
        CanPublish = scope.All || scope.Departments.Count > 0;
        var all = scope.All;
        var mine = scope.Departments.ToList();
        Datasets = await db.Set<Dataset>().Where(d => all || mine.Contains(d.DepartmentId))
            .OrderByDescending(d => d.ReviewRequestedAt != null).ThenByDescending(d => d.UpdatedAt)
            .Select(d => new Row(d.Id, d.Title, db.Departments.Where(x => x.Id == d.DepartmentId).Select(x => x.Name).First(), d.PublishedAt != null, d.ReviewRequestedAt != null, d.UpdatedAt))
            .ToListAsync(ct);
        MissingStandards = await MissingStandardsAsync(db, ct);
        var settings = await db.Set<OpenDataSettings>().AsNoTracking().FirstOrDefaultAsync(ct);
        (RequireReview, SettingsVersion) = (settings?.RequireReview ?? false, settings?.Version ?? 0);
    }

    /// <summary>Standard datasets no published dataset of the municipality declares.</summary>
    public static async Task<IReadOnlyList<StandardDataset>> MissingStandardsAsync(MadoguchiDb db, CancellationToken ct)
    {
        var have = await db.Set<Dataset>().Where(d => d.PublishedAt != null && d.StandardCode != null).Select(d => d.StandardCode!).Distinct().ToListAsync(ct);
        return StandardDatasets.All.Where(s => !have.Contains(s.Code)).ToList();
    }

    public async Task<IActionResult> OnPostSettingsAsync(bool requireReview, int version, CancellationToken ct)
    {
        if (!PublisherScope.IsReviewer(User))
        {
            return Forbid();
        }

        var settings = await db.Set<OpenDataSettings>().FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            db.Add(new OpenDataSettings { RequireReview = requireReview });
        }
        else
        {
            db.Entry(settings).Property(s => s.Version).OriginalValue = version;
            settings.RequireReview = requireReview;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another admin saved first (a concurrent first save hits the primary key): show theirs.
            TempData["notice"] = l["他の職員が先に設定を変更しました。内容を確かめてください。"].Value;
            return RedirectToPage();
        }

        TempData["notice"] = l["保存しました。"].Value;
        return RedirectToPage();
    }
}
