using Madoguchi.Payments.Ledger;
using Madoguchi.Payments.Stripe;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Refunds;

/// <summary>
/// Refunds by staff: one member asks (amount and reason), another approves. The approval raises the
/// payment's refunded total in one conditional UPDATE (… WHERE RefundedYen + amount &lt;= AmountYen),
/// so two approvals at the same moment can never refund more than was paid; the provider is called
/// only after that, with the refund's own idempotency key.
/// </summary>
public sealed class RefundDesk(MadoguchiDb db, StripeClient stripe, Accounts.ProviderAccounts accounts, TimeProvider time)
{
    public enum Outcome
    {
        Done,
        NotFound,
        /// <summary>More than is left to refund (paid minus refunded minus asked for).</summary>
        TooMuch,
        /// <summary>The approver asked for it themself: two people are needed.</summary>
        SamePerson,
        /// <summary>Decided meanwhile by someone else.</summary>
        AlreadyDecided,
        ProviderFailed,
    }

    public async Task<Outcome> RequestAsync(Guid paymentId, long amountYen, string reason, Guid staffId, CancellationToken ct)
    {
        var payment = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId && p.Status == PaymentStatus.Succeeded, ct);
        if (payment is null)
        {
            return Outcome.NotFound;
        }

        var asked = await db.Set<Refund>().Where(r => r.PaymentId == paymentId && r.Status == RefundStatus.Requested).SumAsync(r => r.AmountYen, ct);
        if (amountYen <= 0 || amountYen > payment.AmountYen - payment.RefundedYen - asked)
        {
            return Outcome.TooMuch;
        }

        db.Add(new Refund
        {
            TenantId = payment.TenantId, PaymentId = paymentId, AmountYen = amountYen, Reason = reason, Status = RefundStatus.Requested,
            RequestedBy = staffId, RequestedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    public async Task<Outcome> DecideAsync(Guid refundId, bool approve, Guid staffId, CancellationToken ct)
    {
        var refund = await db.Set<Refund>().SingleOrDefaultAsync(r => r.Id == refundId, ct);
        if (refund is null)
        {
            return Outcome.NotFound;
        }

        if (refund.Status != RefundStatus.Requested)
        {
            return Outcome.AlreadyDecided;
        }

        if (refund.RequestedBy == staffId)
        {
            return Outcome.SamePerson;
        }

        // Claim the decision first (Version check): of two approvers of the same request, one wins.
        refund.DecidedBy = staffId;
        refund.DecidedAt = time.GetUtcNow().UtcDateTime;
        refund.Status = approve ? RefundStatus.Succeeded : RefundStatus.Declined;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.AlreadyDecided;
        }

        if (!approve)
        {
            return Outcome.Done;
        }

        var amount = refund.AmountYen;
        var payment = await MoveRefundedAsync(refund.PaymentId, amount, ct);
        if (payment is null)
        {
            await FailAsync(refund, "返金額が支払額の残りを超えるため返金できませんでした。", ct);
            return Outcome.TooMuch;
        }

        if (payment.Provider == PaymentProvider.Stripe)
        {
            // The refund goes to the account that took the money.
            var secretKey = (await accounts.ForAsync(payment.OnOwnAccount, ct))?.SecretKey;
            var result = secretKey is null ? new StripeResult<RefundObject>(null, StripeError.Unreachable("no provider account"))
                : await stripe.RefundAsync(secretKey, payment.ProviderPaymentId!, amount, refund.Reason, $"madoguchi-refund-{refund.Id}", ct);
            if (result.Error is { } error)
            {
                // Released again: the amount may be refunded by a later request.
                await MoveRefundedAsync(payment.Id, -amount, ct);
                await FailAsync(refund, $"{error.Type} {error.Code}".Trim(), ct);
                return Outcome.ProviderFailed;
            }

            refund.ProviderRefundId = result.Value!.Id;
            await db.SaveChangesAsync(ct);
        }

        return Outcome.Done;
    }

    /// <summary>
    /// Raises (or, negative, releases) the refunded total of a payment, never above what was paid.
    /// Saved as a tracked change against the payment's Version, so the audit trail records it; of two
    /// approvals at once one saves, the other reads the new total and decides again. Null when the
    /// amount does not fit (any more).
    /// </summary>
    private async Task<Payment?> MoveRefundedAsync(Guid paymentId, long amount, CancellationToken ct)
    {
        for (var round = 0; round < 5; round++)
        {
            var payment = await db.Set<Payment>().SingleAsync(p => p.Id == paymentId, ct);
            if (payment.Status != PaymentStatus.Succeeded || payment.RefundedYen + amount > payment.AmountYen || payment.RefundedYen + amount < 0)
            {
                return null;
            }

            payment.RefundedYen += amount;
            try
            {
                await db.SaveChangesAsync(ct);
                return payment;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another approval (or the webhook) saved the payment meanwhile: read it again. The audit
                // entries written for the failed save are dropped with it (they would repeat its sequence).
                foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added || ReferenceEquals(e.Entity, payment)).ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }
        }

        return null;
    }

    private async Task FailAsync(Refund refund, string message, CancellationToken ct)
    {
        refund.Status = RefundStatus.Failed;
        refund.FailureMessage = message;
        await db.SaveChangesAsync(ct);
    }
}
