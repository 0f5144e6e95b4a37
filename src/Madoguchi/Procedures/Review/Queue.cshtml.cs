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

    public int Total { get; private set; }
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
        var visible = procedures.Select(p => p.Id);
        var query = db.Set<Application>().Where(a => a.Status != ApplicationStatus.Draft && visible.Contains(a.ProcedureId));
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
            query = query.Where(a => a.DueAt < now && (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.UnderReview));
        }

        PageNumber = Math.Max(1, PageNumber);
        Total = await query.CountAsync(ct);
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
