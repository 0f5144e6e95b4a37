using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Review;

/// <summary>The department's queue: applications that arrived, filtered by status, procedure and overdue, newest first.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ApplicationQueueModel(MadoguchiDb db, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public static readonly ApplicationStatus[] Statuses = Enum.GetValues<ApplicationStatus>().Where(s => s != ApplicationStatus.Draft).ToArray();

    public sealed record Row(Guid Id, string ReceiptNumber, string Title, DateTime SubmittedAt, ApplicationStatus Status, DateTime? DueAt, bool Overdue);
    public sealed record ProcedureOption(Guid Id, string Title);

    [BindProperty(SupportsGet = true)]
    public ApplicationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Procedure { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>How far past the current page the count goes before it says 「以上」.</summary>
    public const int CountBeyondPage = 1000;

    public int Total { get; private set; }

    /// <summary>True when there are more than <see cref="Total"/> matches (the count stopped there).</summary>
    public bool TotalIsAtLeast { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<ProcedureOption> Procedures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = StaffScope.Of(User);
        var all = scope.All;
        var departments = scope.Departments.ToList();
        var procedures = db.Set<Procedure>().Where(p => all || departments.Contains(p.DepartmentId));
        Procedures = await procedures.OrderBy(p => p.Title).Select(p => new ProcedureOption(p.Id, p.Title)).ToListAsync(ct);

        var now = time.GetUtcNow().UtcDateTime;
        // QueuePerformance (issue 3, 1,000,000 applications): the scope filter takes the ids of the
        // procedures just listed instead of a subquery, and none when the scope is the whole
        // municipality (the tenant filter already is the scope); with a subquery the database went
        // procedure by procedure and sorted everything instead of walking an index by arrival.
        // `Status != Draft` is kept literally: it matches the filter of the queue indexes.
        var visible = Procedures.Select(p => p.Id).ToList();
        var query = db.Set<Application>().Where(a => a.Status != ApplicationStatus.Draft);
        if (!all)
        {
            query = query.Where(a => visible.Contains(a.ProcedureId));
        }

        if (Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (Procedure is { } procedure)
        {
            query = query.Where(a => a.ProcedureId == procedure);
        }

        if (Overdue)
        {
            // QueuePerformance: written as one IN list, which matches the filter of the overdue index
            // (with a reviewer's procedure list, SQLite otherwise sorted every open application).
            query = query.Where(a => a.DueAt < now && new[] { ApplicationStatus.Submitted, ApplicationStatus.UnderReview }.Contains(a.Status));
        }

        // A page number typed into the address must not overflow the offset (a negative LIMIT is an error on PostgreSQL).
        PageNumber = Math.Clamp(PageNumber, 1, 1_000_000);
        // QueuePerformance: counting every match of a million rows took longer than the page itself,
        // so the count stops CountBeyondPage rows past this page and shows 「…件以上」 from there.
        var countLimit = (PageNumber - 1) * PageSize + CountBeyondPage;
        Total = await query.OrderByDescending(a => a.SubmittedAt).Take(countLimit + 1).CountAsync(ct);
        TotalIsAtLeast = Total > countLimit;
        Total = Math.Min(Total, countLimit);
        var rows = await query.OrderByDescending(a => a.SubmittedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new
            {
                a.Id, a.ReceiptNumber, Title = db.Set<Procedure>().Where(p => p.Id == a.ProcedureId).Select(p => p.Title).First(),
                a.SubmittedAt, a.Status, a.DueAt,
            })
            .ToListAsync(ct);
        Rows = rows.Select(r => new Row(r.Id, r.ReceiptNumber!, r.Title, r.SubmittedAt!.Value, r.Status, r.DueAt,
            r.DueAt < now && r.Status is ApplicationStatus.Submitted or ApplicationStatus.UnderReview)).ToList();
    }

    public string PageLink(int page) =>
        $"?status={Status}&procedure={Procedure}&overdue={(Overdue ? "true" : "false")}&p={page}";
}
