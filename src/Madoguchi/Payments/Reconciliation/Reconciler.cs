using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Reconciliation;

/// <summary>
/// Matches payments to settlement lines for a period of Japan days. Reads projections only and
/// matches in memory with dictionaries, so 100,000 lines take one pass each (docs/benchmarks.md).
/// </summary>
public sealed class Reconciler(MadoguchiDb db)
{
    /// <summary>How long after a payment its settlement may arrive; payments this far before the period are matched too.</summary>
    private static readonly TimeSpan SettlementLag = TimeSpan.FromDays(35);

    public enum Kind
    {
        /// <summary>Money settled with no payment here (no application behind it).</summary>
        SettledWithoutPayment,
        /// <summary>Marked paid here, but the provider or terminal never settled it.</summary>
        PaidWithoutSettlement,
        AmountDiffers,
    }

    public sealed record Mismatch(Kind Kind, SettlementSource Source, string Reference, long PaymentYen, long SettledYen, Guid? PaymentId);

    public sealed record DailyTotal(DateOnly Day, Guid DepartmentId, string Department, int Count, long PaidYen, long RefundedYen)
    {
        public long NetYen => PaidYen - RefundedYen;
    }

    public sealed record AutoRefund(Guid PaymentId, string Item, long AmountYen, string Reason);

    public sealed record Report(IReadOnlyList<Mismatch> Mismatches, IReadOnlyList<DailyTotal> Totals, IReadOnlyList<AutoRefund> AutoRefunds, int LinesInPeriod);

    private sealed record PaymentRow(Guid Id, PaymentProvider Provider, string Reference, long AmountYen, long RefundedYen, DateTime PaidAt, Guid DepartmentId,
        string Item, string? AutoRefundReason);

    public async Task<Report> ReportAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = Wareki.StartOfJapanDay(from);
        var end = Wareki.StartOfJapanDay(to.AddDays(1));
        var earliest = start - SettlementLag;
        var payments = await db.Set<Payment>().AsNoTracking()
            .Where(p => p.Status == PaymentStatus.Succeeded && p.ProviderPaymentId != null && p.PaidAt >= earliest && p.PaidAt < end + SettlementLag)
            .Select(p => new PaymentRow(p.Id, p.Provider, p.ProviderPaymentId!, p.AmountYen, p.RefundedYen, p.PaidAt!.Value, p.DepartmentId, p.FeeItem, p.AutoRefundReason))
            .ToListAsync(ct);
        var lines = await db.Set<SettlementLine>().AsNoTracking()
            .Where(l => l.OccurredAt >= earliest && l.OccurredAt < end + SettlementLag)
            .Select(l => new { l.Source, l.Reference, l.Category, l.AmountYen, l.OccurredAt })
            .ToListAsync(ct);

        var byPayment = payments.ToDictionary(p => (Source(p.Provider), p.Reference));
        var settled = new Dictionary<(SettlementSource, string), (long Charged, long Refunded, bool InPeriod)>();
        foreach (var l in lines)
        {
            var key = (l.Source, l.Reference);
            settled.TryGetValue(key, out var s);
            settled[key] = l.Category == "charge"
                ? (s.Charged + l.AmountYen, s.Refunded, s.InPeriod || (l.OccurredAt >= start && l.OccurredAt < end))
                : (s.Charged, s.Refunded - l.AmountYen, s.InPeriod || (l.OccurredAt >= start && l.OccurredAt < end));
        }

        var mismatches = new List<Mismatch>();
        foreach (var ((source, reference), s) in settled)
        {
            if (!s.InPeriod)
            {
                continue;
            }

            if (!byPayment.TryGetValue((source, reference), out var p))
            {
                mismatches.Add(new Mismatch(Kind.SettledWithoutPayment, source, reference, 0, s.Charged - s.Refunded, null));
            }
            else if (s.Charged != p.AmountYen || s.Refunded != p.RefundedYen)
            {
                mismatches.Add(new Mismatch(Kind.AmountDiffers, source, reference, p.AmountYen - p.RefundedYen, s.Charged - s.Refunded, p.Id));
            }
        }

        var inPeriod = payments.Where(p => p.PaidAt >= start && p.PaidAt < end).ToList();
        mismatches.AddRange(inPeriod.Where(p => !settled.ContainsKey((Source(p.Provider), p.Reference)))
            .Select(p => new Mismatch(Kind.PaidWithoutSettlement, Source(p.Provider), p.Reference, p.AmountYen - p.RefundedYen, 0, p.Id)));

        var departments = await db.Departments.AsNoTracking().Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var totals = inPeriod
            .GroupBy(p => (Day: DateOnly.FromDateTime(Wareki.ToJapanTime(p.PaidAt)), p.DepartmentId))
            .Select(g => new DailyTotal(g.Key.Day, g.Key.DepartmentId, departments.GetValueOrDefault(g.Key.DepartmentId, "?"), g.Count(),
                g.Sum(p => p.AmountYen), g.Sum(p => p.RefundedYen)))
            .OrderBy(t => t.Day).ThenBy(t => t.Department, StringComparer.Ordinal).ToList();
        var autoRefunds = inPeriod.Where(p => p.AutoRefundReason is not null)
            .Select(p => new AutoRefund(p.Id, p.Item, p.AmountYen, p.AutoRefundReason!)).ToList();
        return new Report(mismatches.OrderBy(m => m.Kind).ThenBy(m => m.Reference, StringComparer.Ordinal).ToList(), totals, autoRefunds,
            lines.Count(l => l.OccurredAt >= start && l.OccurredAt < end));
    }

    private static SettlementSource Source(PaymentProvider provider) =>
        provider == PaymentProvider.Stripe ? SettlementSource.Provider : SettlementSource.Terminal;

    public static string KindName(Kind kind) => kind switch
    {
        Kind.SettledWithoutPayment => "入金があるが対応する支払い（申請）がない",
        Kind.PaidWithoutSettlement => "支払済みだが入金の記録がない",
        _ => "金額の差異",
    };
}
