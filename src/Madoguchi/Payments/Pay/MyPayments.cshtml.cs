using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Residents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Pay;

/// <summary>Every payment of the signed-in resident, newest first, with its receipt.</summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class MyPaymentsModel(MadoguchiDb db) : PageModel
{
    public sealed record Row(Guid Id, string Item, long AmountYen, long RefundedYen, PaymentStatus Status, PaymentProvider Provider, DateTime CreatedAt, DateTime? PaidAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var resident = SignedInResident.Id(User);
        Rows = await db.Set<Payment>().AsNoTracking().Where(p => p.ResidentId == resident)
            .OrderByDescending(p => p.CreatedAt)
            .Select(p => new Row(p.Id, p.FeeItem, p.AmountYen, p.RefundedYen, p.Status, p.Provider, p.CreatedAt, p.PaidAt))
            .Take(200).ToListAsync(ct);
    }

    public static string StatusName(PaymentStatus s) => s switch
    {
        PaymentStatus.Succeeded => "支払済み",
        PaymentStatus.Failed => "失敗",
        PaymentStatus.Canceled => "取消し",
        _ => "手続中",
    };
}
