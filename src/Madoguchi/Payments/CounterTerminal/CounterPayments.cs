using Madoguchi.Payments.Ledger;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.CounterTerminal;

/// <summary>
/// The counter adapter: staff record what the cashless terminal printed (method, terminal id,
/// transaction id, amount) for an application. The same transaction is recorded once (unique
/// provider id per municipality); the amount must be what the fee is, so a typo is caught here,
/// not at month-end reconciliation.
/// </summary>
public sealed class CounterPayments(MadoguchiDb db, IApplicationFees fees, PaymentLedger ledger, TenantContext tenant, TimeProvider time)
{
    public static readonly IReadOnlyList<string> Methods = ["クレジットカード", "電子マネー", "QRコード決済", "デビットカード"];

    public enum Outcome
    {
        Recorded,
        /// <summary>The same form posted again (its key): the payment already recorded.</summary>
        AlreadyRecorded,
        UnknownApplication,
        NothingToPay,
        AmountDiffers,
        DuplicateTransaction,
        /// <summary>事後決済: the application expired unpaid; the terminal must not be charged.</summary>
        Expired,
    }

    public sealed record Result(Outcome Outcome, Guid? PaymentId = null, long ExpectedYen = 0);

    public async Task<Result> RecordAsync(string reference, string method, string terminalId, string transactionId, long amountYen, Guid key, Guid staffId, CancellationToken ct)
    {
        if (await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, ct) is { } again)
        {
            return new Result(Outcome.AlreadyRecorded, again.Id);
        }

        if (await fees.FindAsync(reference, ct) is not { } applicationId || await fees.QuoteAsync(applicationId, ct) is not { } quote)
        {
            return new Result(Outcome.UnknownApplication);
        }

        if (quote.Expired)
        {
            return await SameSlipOrAsync(key, new Result(Outcome.Expired), ct);
        }

        var owed = quote.TotalYen - await ledger.PaidYenAsync(applicationId, ct);
        if (owed <= 0)
        {
            return await SameSlipOrAsync(key, new Result(Outcome.NothingToPay), ct);
        }

        if (amountYen != owed)
        {
            return new Result(Outcome.AmountDiffers, ExpectedYen: owed);
        }

        if (await db.Set<Payment>().AnyAsync(p => p.Provider == PaymentProvider.CounterTerminal && p.ProviderPaymentId == transactionId, ct))
        {
            return await SameSlipOrAsync(key, new Result(Outcome.DuplicateTransaction), ct);
        }

        var attempt = await db.Set<Payment>().Where(p => p.ApplicationId == applicationId).MaxAsync(p => (int?)p.Attempt, ct) ?? 0;
        var now = time.GetUtcNow().UtcDateTime;
        var payment = new Payment
        {
            TenantId = tenant.TenantId!.Value, ApplicationId = applicationId, Attempt = attempt + 1, IdempotencyKey = key,
            ResidentId = quote.ResidentId, DepartmentId = quote.DepartmentId, FeeItem = quote.Item, AmountYen = amountYen,
            Provider = PaymentProvider.CounterTerminal, ProviderPaymentId = transactionId, Method = method, TerminalId = terminalId,
            Status = PaymentStatus.Succeeded, RecordedBy = staffId, CreatedAt = now, PaidAt = now,
        };
        db.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A double click (same key) or the same slip entered at two desks at once.
            db.ChangeTracker.Clear();
            return await SameSlipOrAsync(key, new Result(Outcome.DuplicateTransaction), ct);
        }

        await ledger.AfterSuccessAsync(payment, ct);
        return new Result(Outcome.Recorded, payment.Id);
    }

    /// <summary>
    /// A refusal, unless the same form (its key) was recorded meanwhile: a double click whose first
    /// post committed between this post's checks is "already recorded", not "nothing to pay".
    /// </summary>
    private async Task<Result> SameSlipOrAsync(Guid key, Result refusal, CancellationToken ct) =>
        await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, ct) is { } winner
            ? new Result(Outcome.AlreadyRecorded, winner.Id)
            : refusal;
}
