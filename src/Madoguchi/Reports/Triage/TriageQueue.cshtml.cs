using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Reports.Public;
using Microsoft.Extensions.Localization;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Triage;

/// <summary>The department's reports to handle: reopened ones first, then oldest waiting first.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class TriageQueueModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Category, string Department, string Address, ReportStatus Status, bool NeedsReview, DateTime CreatedAt);

    /// <summary>Open (受付・対応中) unless another status is asked for.</summary>
    [BindProperty(SupportsGet = true)]
    public ReportStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public (double Latitude, double Longitude)? MapCentre { get; private set; }

    /// <summary>The whole filtered queue (not only this page) as GeoJSON for the map, linking to the staff pages.</summary>
    public string MapPoints { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = TriageScope.Of(User);
        var all = scope.All;
        var departments = scope.Departments.ToList();
        var query = db.Set<Report>().Where(r => all || departments.Contains(r.DepartmentId));
        query = Status is { } status
            ? query.Where(r => r.Status == status)
            : query.Where(r => r.Status == ReportStatus.Received || r.Status == ReportStatus.InProgress);
        PageNumber = Math.Max(1, PageNumber);
        Total = await query.CountAsync(ct);
        Rows = await query.OrderByDescending(r => r.NeedsReview).ThenBy(r => r.CreatedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(r => new Row(r.Id,
                db.Set<ReportCategory>().Where(c => c.Id == r.CategoryId).Select(c => c.Name).First(),
                db.Departments.Where(d => d.Id == r.DepartmentId).Select(d => d.Name).First(),
                r.Address, r.Status, r.NeedsReview, r.CreatedAt))
            .ToListAsync(ct);

        MapCentre = await ReportMapPoints.CentreAsync(db, ct);
        var points = await ReportMapPoints.LoadAsync(db, query, ct);
        var notes = await ReportMapPoints.NotesAsync(db, points.Select(p => p.Id).ToList(), ct);
        var code = RouteData.Values["tenant"];
        MapPoints = ReportMapPoints.ForPage(ReportMapPoints.FeatureCollection(points, notes, id => $"/{code}/staff/reports/{id}", l));
    }

    public string PageLink(int page) => $"?status={Status}&p={page}";
}
