using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Public;
using Madoguchi.Reports.Reporting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Triage;

/// <summary>
/// A report as its department handles it: the whole history with internal notes, nearby possible
/// duplicates, and the actions (status with a public note, internal note, another department,
/// merge). Another department's report is not found.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class TriageDetailModel(MadoguchiDb db, ReportWorkflow workflow, DuplicateFinder duplicates, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ChangeInput
    {
        public int Version { get; set; }
        public ReportStatus? Status { get; set; }
        public string? PublicNote { get; set; }
        public string? InternalNote { get; set; }
    }

    public sealed record DepartmentOption(Guid Id, string Name);

    [BindProperty]
    public ChangeInput Change { get; set; } = new();

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public Guid? DepartmentId { get; set; }

    [BindProperty]
    public Guid? SurvivorId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public ReportView View { get; private set; } = null!;
    public IReadOnlyList<DuplicateFinder.Candidate> Duplicates { get; private set; } = [];
    public IReadOnlyList<DepartmentOption> Departments { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "Change.", () => Change.Status is { } to
            ? workflow.ChangeStatusAsync(View.Report, Change.Version, to, Change.PublicNote, Change.InternalNote, StaffId(), ct)
            : Task.FromResult<ReportWorkflow.Problem?>(new("Status", "新しい状態を選んでください。")), "状態を変更し、フォローしている方にお知らせしました。", ct);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "", () => workflow.AddInternalNoteAsync(View.Report, Version, Note, StaffId(), ct), "内部メモを追加しました。", ct, field => field == "InternalNote" ? "Note" : field);

    public Task<IActionResult> OnPostReassignAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, "", () => workflow.ReassignAsync(View.Report, Version, DepartmentId ?? Guid.Empty, StaffId(), ct), "担当課を変更しました。", ct);

    public async Task<IActionResult> OnPostMergeAsync(Guid id, CancellationToken ct)
    {
        var survivor = SurvivorId is { } s ? await db.Set<Report>().SingleOrDefaultAsync(r => r.Id == s, ct) : null;
        return await ActAsync(id, "", () => survivor is null
            ? Task.FromResult<ReportWorkflow.Problem?>(new("SurvivorId", "統合先の報告を選んでください。"))
            : workflow.MergeAsync(View.Report, Version, survivor, StaffId(), ct), "統合し、フォローしている方を統合先に移しました。", ct);
    }

    private async Task<IActionResult> ActAsync(Guid id, string prefix, Func<Task<ReportWorkflow.Problem?>> act, string done, CancellationToken ct, Func<string, string>? field = null)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var problem = await act();
        if (problem is null)
        {
            TempData["notice"] = l[done].Value;
            return Redirect($"/{RouteData.Values["tenant"]}/staff/reports/{id}");
        }

        var key = problem.Field.Length == 0 ? "" : prefix + (field?.Invoke(problem.Field) ?? problem.Field);
        ModelState.AddModelError(key, l[problem.Message]);
        await LoadAsync(id, ct);
        return Page();
    }

    private Guid? StaffId() => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await ReportView.LoadAsync(db, id, ct);
        if (view is null || !TriageScope.Of(User).Covers(view.Report.DepartmentId))
        {
            return false;
        }

        View = view;
        var report = view.Report;
        if (report.Latitude is { } lat && report.Longitude is { } lon && ReportStatuses.IsOpen(report.Status))
        {
            var category = await db.Set<ReportCategory>().AsNoTracking().SingleAsync(c => c.Id == report.CategoryId, ct);
            Duplicates = await duplicates.FindAsync(category, lat, lon, report.Description, except: report.Id, ct);
        }

        Departments = await db.Departments.OrderBy(d => d.SortOrder).Select(d => new DepartmentOption(d.Id, d.Name)).ToListAsync(ct);
        return true;
    }

    public string? ErrorOf(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
