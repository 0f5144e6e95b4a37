using Madoguchi.Payments.Ledger;
using Madoguchi.Payments.Refunds;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Staff;

/// <summary>Payments of the departments the member of staff handles, newest first, with refunds waiting for approval on top.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class PaymentListModel(MadoguchiDb db) : PageModel
{
    public sealed record Row(Guid Id, string Item, long AmountYen, long RefundedYen, PaymentStatus Status, PaymentProvider Provider, DateTime CreatedAt, bool RefundWaiting);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = PaymentsAccess.Handling(User);
        var departments = scope.Departments.ToList();
        Rows = await db.Set<Payment>().AsNoTracking()
            .Where(p => scope.All || departments.Contains(p.DepartmentId))
            .OrderByDescending(p => p.CreatedAt).Take(200)
            .Select(p => new Row(p.Id, p.FeeItem, p.AmountYen, p.RefundedYen, p.Status, p.Provider, p.CreatedAt,
                db.Set<Refund>().Any(r => r.PaymentId == p.Id && r.Status == RefundStatus.Requested)))
            .ToListAsync(ct);
    }
}
