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
public sealed class RefundDesk(MadoguchiDb db, StripeClient stripe, TimeProvider time)
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
        var reserved = await db.Set<Payment>()
            .Where(p => p.Id == refund.PaymentId && p.Status == PaymentStatus.Succeeded && p.RefundedYen + amount <= p.AmountYen)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedYen, p => p.RefundedYen + amount).SetProperty(p => p.Version, p => p.Version + 1), ct);
        if (reserved == 0)
        {
            await FailAsync(refund, "返金額が支払額の残りを超えるため返金できませんでした。", ct);
            return Outcome.TooMuch;
        }

        var payment = await db.Set<Payment>().AsNoTracking().SingleAsync(p => p.Id == refund.PaymentId, ct);
        if (payment.Provider == PaymentProvider.Stripe)
        {
            var result = await stripe.RefundAsync(payment.ProviderPaymentId!, amount, refund.Reason, $"madoguchi-refund-{refund.Id}", ct);
            if (result.Error is { } error)
            {
                // Released again: the amount may be refunded by a later request.
                await db.Set<Payment>().Where(p => p.Id == payment.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.RefundedYen, p => p.RefundedYen - amount).SetProperty(p => p.Version, p => p.Version + 1), ct);
                await FailAsync(refund, $"{error.Type} {error.Code}".Trim(), ct);
                return Outcome.ProviderFailed;
            }

            refund.ProviderRefundId = result.Value!.Id;
            await db.SaveChangesAsync(ct);
        }

        return Outcome.Done;
    }

    private async Task FailAsync(Refund refund, string message, CancellationToken ct)
    {
        refund.Status = RefundStatus.Failed;
        refund.FailureMessage = message;
        await db.SaveChangesAsync(ct);
    }
}
