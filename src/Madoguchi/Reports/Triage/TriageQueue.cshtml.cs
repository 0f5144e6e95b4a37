using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Triage;

/// <summary>The department's reports to handle: reopened ones first, then oldest waiting first.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class TriageQueueModel(MadoguchiDb db) : PageModel
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
    }

    public string PageLink(int page) => $"?status={Status}&p={page}";
}
