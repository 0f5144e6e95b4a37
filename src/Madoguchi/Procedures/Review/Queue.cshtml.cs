using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Workflow;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Procedures.Review;

/// <summary>The department's queue: applications that arrived, filtered by status, procedure, assignee, 到達日 and overdue, newest first.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class ApplicationQueueModel(MadoguchiDb db, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    public static readonly ApplicationStatus[] Statuses = Enum.GetValues<ApplicationStatus>().Where(s => s != ApplicationStatus.Draft).ToArray();

    public sealed record Row(Guid Id, string ReceiptNumber, string Title, DateTime SubmittedAt, ApplicationStatus Status, DateTime? DueAt, bool Overdue, string? Assignee, ApplicationChannel Channel);
    public sealed record ProcedureOption(Guid Id, string Title);

    [BindProperty(SupportsGet = true)]
    public ApplicationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Procedure { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    /// <summary>"me" (自分), "none" (未割当) or a member of staff's id.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    /// <summary>到達日 from (inclusive), a day in Japan time.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>到達日 to (inclusive).</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>How far past the current page the count goes before it says 「以上」.</summary>
    public const int CountBeyondPage = 1000;

    public int Total { get; private set; }

    /// <summary>True when there are more than <see cref="Total"/> matches (the count stopped there).</summary>
    public bool TotalIsAtLeast { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<ProcedureOption> Procedures { get; private set; } = [];
    public IReadOnlyList<StaffMember> Staff { get; private set; } = [];

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

        var me = Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var self) ? self : Guid.Empty;
        if (Assignee == "me")
        {
            query = query.Where(a => a.AssigneeId == me);
        }
        else if (Assignee == "none")
        {
            query = query.Where(a => a.AssigneeId == null);
        }
        else if (Guid.TryParse(Assignee, out var member))
        {
            query = query.Where(a => a.AssigneeId == member);
        }

        if (From > To)
        {
            ModelState.AddModelError(nameof(From), l["到達日の「から」は「まで」と同じか前の日にしてください。"]);
        }
        else
        {
            if (From is { } from)
            {
                var start = Wareki.StartOfJapanDay(from);
                query = query.Where(a => a.SubmittedAt >= start);
            }

            if (To is { } to)
            {
                var end = Wareki.StartOfJapanDay(to.AddDays(1));
                query = query.Where(a => a.SubmittedAt < end);
            }
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
        // QueuePerformance: a deep page (p=200 skips 9,950 rows) walks only the index to find its 50
        // ids (the queue indexes end with Id, so the database never reads a skipped row), then reads
        // those 50 rows.
        var pageIds = query.OrderByDescending(a => a.SubmittedAt).Skip((PageNumber - 1) * PageSize).Take(PageSize).Select(a => a.Id);
        var rows = await db.Set<Application>().Where(a => pageIds.Contains(a.Id)).OrderByDescending(a => a.SubmittedAt)
            .Select(a => new
            {
                a.Id, a.ReceiptNumber, Title = db.Set<Procedure>().Where(p => p.Id == a.ProcedureId).Select(p => p.Title).First(),
                a.SubmittedAt, a.Status, a.DueAt, a.AssigneeId, a.Channel,
            })
            .ToListAsync(ct);
        var assigned = rows.Select(r => r.AssigneeId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.Where(u => assigned.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Rows = rows.Select(r => new Row(r.Id, r.ReceiptNumber!, r.Title, r.SubmittedAt!.Value, r.Status, r.DueAt,
            r.DueAt < now && r.Status is ApplicationStatus.Submitted or ApplicationStatus.UnderReview,
            r.AssigneeId is { } id && names.TryGetValue(id, out var name) ? name : null, r.Channel)).ToList();
        var staffIds = db.Set<StaffRole>().Where(r => r.DepartmentId != null && (all || departments.Contains(r.DepartmentId.Value))
            && (r.Role == StaffRoleKind.Reviewer || r.Role == StaffRoleKind.Approver)).Select(r => r.StaffUserId);
        Staff = await db.Users.Where(u => staffIds.Contains(u.Id)).OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new StaffMember(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
    }

    public string PageLink(int page) =>
        $"?status={Status}&procedure={Procedure}&assignee={Uri.EscapeDataString(Assignee ?? "")}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&overdue={(Overdue ? "true" : "false")}&p={page}";
}
