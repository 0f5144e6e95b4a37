using Madoguchi.Platform.Data;
using Madoguchi.Platform.Residents;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Apply;

/// <summary>The resident's applications in this municipality: drafts to resume and submitted ones with their status.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class MyApplicationsModel(MadoguchiDb db) : PageModel
{
    public sealed record Row(Guid Id, string Title, ApplicationStatus Status, string? ReceiptNumber, int Page, DateTime UpdatedAt, DateTime? PaymentDueAt, DateTime? FeePaidAt)
    {
        /// <summary>事後決済: approved and the fee still to pay (the deadline is shown with it).</summary>
        public bool PaymentOwed => Status == ApplicationStatus.Approved && PaymentDueAt is not null && FeePaidAt is null;
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var resident = SignedInResident.Id(User);
        Rows = await db.Set<Application>().Where(a => a.ResidentId == resident)
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new Row(a.Id, db.Set<Procedure>().Where(p => p.Id == a.ProcedureId).Select(p => p.Title).First(),
                a.Status, a.ReceiptNumber, a.CurrentPage, a.UpdatedAt, a.PaymentDueAt, a.FeePaidAt))
            .Take(200)
            .ToListAsync(ct);
    }
}
