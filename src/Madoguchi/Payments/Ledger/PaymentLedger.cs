using Madoguchi.Payments.Stripe;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Ledger;

/// <summary>
/// Moves online payments through their states exactly once, whichever arrives first: the
/// resident's return from 3-D Secure or the provider's webhook, twice or late. A state only moves
/// forward (Pending → RequiresAction → Succeeded / Failed); a success is final.
/// </summary>
public sealed class PaymentLedger(MadoguchiDb db, StripeClient stripe, IApplicationFees fees, TenantContext tenant, TimeProvider time, ILogger<PaymentLedger> log)
{
    public enum StartOutcome
    {
        /// <summary>Go to the provider's page (3-D Secure).</summary>
        Redirect,
        Paid,
        NotFound,
        /// <summary>Nothing to pay (free, exempt, already paid, or not payable in this state).</summary>
        NothingToPay,
        /// <summary>The amount the resident confirmed is not what the fee is now (changed in another tab, or tampered).</summary>
        AmountChanged,
        Declined,
        ProviderUnavailable,
        /// <summary>事後決済: the deadline passed and the application expired; it can no longer be paid.</summary>
        Expired,
    }

    public sealed record StartResult(StartOutcome Outcome, Guid? PaymentId = null, string? RedirectUrl = null, string? Message = null);

    /// <summary>
    /// Starts (or, for a repeated key, continues) paying an application's fee online.
    /// <paramref name="confirmedYen"/> is the total the resident saw; <paramref name="returnUrl"/> has {0} for the payment id; the charge is always the server's own quote.
    /// </summary>
    public async Task<StartResult> StartOnlineAsync(Guid applicationId, Guid residentId, Guid key, long confirmedYen, string returnUrl, CancellationToken ct)
    {
        var payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.IdempotencyKey == key, ct);
        if (payment is not null && (payment.ApplicationId != applicationId || payment.ResidentId != residentId))
        {
            return new StartResult(StartOutcome.NotFound);
        }

        if (payment is null)
        {
            var quote = await fees.QuoteAsync(applicationId, ct);
            if (quote is null || quote.ResidentId != residentId)
            {
                return new StartResult(StartOutcome.NotFound);
            }

            if (quote.Expired)
            {
                return new StartResult(StartOutcome.Expired);
            }

            var paid = await PaidYenAsync(applicationId, ct);
            if (!quote.Payable || paid >= quote.TotalYen)
            {
                return new StartResult(StartOutcome.NothingToPay);
            }

            if (confirmedYen != quote.TotalYen)
            {
                return new StartResult(StartOutcome.AmountChanged);
            }

            // An attempt still open for the same amount (the resident came back from the card page
            // without finishing) is continued, so one fee never has two live intents.
            payment = await db.Set<Payment>().Where(p => p.ApplicationId == applicationId && p.Provider == PaymentProvider.Stripe
                    && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.RequiresAction) && p.AmountYen == quote.TotalYen)
                .OrderByDescending(p => p.Attempt).FirstOrDefaultAsync(ct);
            if (payment is null)
            {
                payment = await NewAttemptAsync(quote, key, ct);
                if (payment is null)
                {
                    // The other click of a double submit made it: continue with that one.
                    db.ChangeTracker.Clear();
                    payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.IdempotencyKey == key, ct);
                    if (payment is null)
                    {
                        return new StartResult(StartOutcome.ProviderUnavailable);
                    }
                }
            }
        }

        return await ContinueAsync(payment, returnUrl, ct);
    }

    private async Task<Payment?> NewAttemptAsync(FeeQuote quote, Guid key, CancellationToken ct)
    {
        var attempt = await db.Set<Payment>().Where(p => p.ApplicationId == quote.ApplicationId).MaxAsync(p => (int?)p.Attempt, ct) ?? 0;
        var payment = new Payment
        {
            TenantId = tenant.TenantId!.Value, ApplicationId = quote.ApplicationId, Attempt = attempt + 1, IdempotencyKey = key,
            ResidentId = quote.ResidentId, DepartmentId = quote.DepartmentId, FeeItem = quote.Item, AmountYen = quote.TotalYen,
            Provider = PaymentProvider.Stripe, Method = "card", Status = PaymentStatus.Pending, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(payment);
        try
        {
            await db.SaveChangesAsync(ct);
            return payment;
        }
        catch (DbUpdateException)
        {
            // Unique (application, attempt) or (key): a concurrent click won.
            return null;
        }
    }

    private async Task<StartResult> ContinueAsync(Payment payment, string returnUrl, CancellationToken ct)
    {
        switch (payment.Status)
        {
            case PaymentStatus.Succeeded:
                await AfterSuccessAsync(payment, ct);
                return new StartResult(StartOutcome.Paid, payment.Id);
            case PaymentStatus.Failed or PaymentStatus.Canceled:
                return new StartResult(StartOutcome.Declined, payment.Id, Message: payment.FailureMessage);
        }

        // The same key for every call about this attempt: a retry after a timeout or a 500, or a
        // second click, gets the intent the provider already made, never a second one.
        var created = await stripe.CreateIntentAsync(payment.AmountYen, $"{tenant.Name} {payment.FeeItem}",
            new Dictionary<string, string>
            {
                ["application_id"] = payment.ApplicationId.ToString(),
                ["payment_id"] = payment.Id.ToString(),
                ["tenant"] = tenant.Code!,
            },
            string.Format(System.Globalization.CultureInfo.InvariantCulture, returnUrl, payment.Id), $"madoguchi-pi-{payment.Id}", ct);
        if (created.Error is { } error)
        {
            if (error.Type == "card_error")
            {
                payment.Status = PaymentStatus.Failed;
                payment.FailureMessage = error.Code;
                await SaveQuietlyAsync(ct);
                return new StartResult(StartOutcome.Declined, payment.Id, Message: error.Code);
            }

            log.LogWarning("Payment provider refused or did not answer for payment {Payment}: {Type} {Code} (HTTP {Status})", payment.Id, error.Type, error.Code, error.HttpStatus);
            return new StartResult(StartOutcome.ProviderUnavailable, payment.Id);
        }

        var intent = created.Value!;
        await ApplyIntentAsync(payment, intent, ct);
        return payment.Status switch
        {
            PaymentStatus.Succeeded => new StartResult(StartOutcome.Paid, payment.Id),
            PaymentStatus.RequiresAction when intent.RedirectUrl is { } url => new StartResult(StartOutcome.Redirect, payment.Id, url),
            _ => new StartResult(StartOutcome.Declined, payment.Id, Message: payment.FailureMessage),
        };
    }

    /// <summary>The resident is back from the provider: what the provider says now (never what the return URL says).</summary>
    public async Task<Payment?> RefreshAsync(Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null || payment.ProviderPaymentId is null || payment.Provider != PaymentProvider.Stripe
            || payment.Status is PaymentStatus.Succeeded or PaymentStatus.Failed)
        {
            if (payment is { Status: PaymentStatus.Succeeded })
            {
                await AfterSuccessAsync(payment, ct);
            }

            return payment;
        }

        var intent = await stripe.RetrieveIntentAsync(payment.ProviderPaymentId, ct);
        if (intent.Value is { } current)
        {
            await ApplyIntentAsync(payment, current, ct);
        }

        return payment;
    }

    /// <summary>
    /// Applies the provider's view of an intent. Returns what changed, for the event log. Safe to
    /// call twice with the same state, and with an older state after a newer one.
    /// </summary>
    public async Task<string> ApplyIntentAsync(Payment payment, PaymentIntent intent, CancellationToken ct)
    {
        for (var round = 0; round < 3; round++)
        {
            var next = intent.Status switch
            {
                "succeeded" => PaymentStatus.Succeeded,
                "requires_action" => PaymentStatus.RequiresAction,
                "canceled" => PaymentStatus.Canceled,
                "requires_payment_method" when intent.LastError is not null => PaymentStatus.Failed,
                _ => PaymentStatus.Pending,
            };
            if (intent.Amount != payment.AmountYen || intent.Currency != "jpy")
            {
                log.LogError("Intent {Intent} of payment {Payment} is for {Amount} {Currency}, not {Expected} jpy", intent.Id, payment.Id, intent.Amount, intent.Currency, payment.AmountYen);
                return "amount mismatch: not applied";
            }

            payment.ProviderPaymentId ??= intent.Id;
            if (!MovesForward(payment.Status, next))
            {
                if (payment.Status == PaymentStatus.Succeeded)
                {
                    await AfterSuccessAsync(payment, ct);
                }

                return $"no change (already {payment.Status})";
            }

            payment.Status = next;
            if (next == PaymentStatus.Succeeded)
            {
                payment.PaidAt = time.GetUtcNow().UtcDateTime;
                payment.FailureMessage = null;
            }
            else if (next == PaymentStatus.Failed)
            {
                payment.FailureMessage = intent.LastError;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                if (next == PaymentStatus.Succeeded)
                {
                    await AfterSuccessAsync(payment, ct);
                }

                return next.ToString();
            }
            catch (DbUpdateConcurrencyException)
            {
                // The webhook and the return page at the same moment: read the winner and decide again.
                await db.Entry(payment).ReloadAsync(ct);
            }
        }

        return "conflict: retried";
    }

    /// <summary>Forward only; Failed may still become Succeeded (the same intent paid with another try on the provider's page).</summary>
    private static bool MovesForward(PaymentStatus from, PaymentStatus to) => (from, to) switch
    {
        (PaymentStatus.Succeeded, _) => false,
        (_, PaymentStatus.Succeeded) => true,
        (PaymentStatus.Pending, PaymentStatus.RequiresAction or PaymentStatus.Failed or PaymentStatus.Canceled) => true,
        (PaymentStatus.RequiresAction, PaymentStatus.Failed or PaymentStatus.Canceled) => true,
        _ => false,
    };

    /// <summary>
    /// After the money arrived: the application (paid before submission) is submitted, once; when
    /// the application is gone, the money goes back by itself and the reconciliation page shows it.
    /// </summary>
    public async Task AfterSuccessAsync(Payment payment, CancellationToken ct)
    {
        var quote = await fees.QuoteAsync(payment.ApplicationId, ct);
        if (quote is null)
        {
            await RefundAutomaticallyAsync(payment, "application gone", "申請が存在しないため自動返金", "申請が存在しないため自動返金しました", ct);
            return;
        }

        if (quote is { Timing: PaymentTiming.BeforeSubmission, Status: "Draft" })
        {
            await fees.SubmitPaidAsync(payment.ApplicationId, ct);
        }
        else if (quote.Timing == PaymentTiming.AfterApproval && await fees.RecordPaidAsync(payment.ApplicationId, ct) == FeeSettlement.Expired)
        {
            // The resident began paying before the deadline and the provider confirmed after the sweep
            // expired the application: the fee is no longer owed, so the money goes back by itself.
            await RefundAutomaticallyAsync(payment, "paid after the deadline", "支払期限後のため自動返金", "支払期限を過ぎて申請が期限切れとなったため自動返金しました", ct);
        }
    }

    /// <summary>
    /// Money arrived for an application that can no longer take it: refunded in full, once (the
    /// provider key is per payment), and left on the payment for the reconciliation page.
    /// </summary>
    private async Task RefundAutomaticallyAsync(Payment payment, string providerNote, string refundReason, string reportedReason, CancellationToken ct)
    {
        if (payment.AutoRefundReason is not null || payment.ProviderPaymentId is null || payment.Provider != PaymentProvider.Stripe)
        {
            return;
        }

        var amount = payment.AmountYen - payment.RefundedYen;
        var refund = new Refund
        {
            TenantId = payment.TenantId, PaymentId = payment.Id, AmountYen = amount, Reason = refundReason,
            Status = RefundStatus.Requested, RequestedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await stripe.RefundAsync(payment.ProviderPaymentId, amount, providerNote, $"madoguchi-orphan-{payment.Id}", ct);
        if (result.Value is { } done)
        {
            refund.Status = RefundStatus.Succeeded;
            refund.ProviderRefundId = done.Id;
            refund.DecidedAt = time.GetUtcNow().UtcDateTime;
            payment.RefundedYen += amount;
            payment.AutoRefundReason = reportedReason;
        }
        else
        {
            refund.Status = RefundStatus.Failed;
            refund.FailureMessage = result.Error!.Type;
        }

        db.Add(refund);
        await SaveQuietlyAsync(ct);
    }

    public Task<long> PaidYenAsync(Guid applicationId, CancellationToken ct) =>
        db.Set<Payment>().Where(p => p.ApplicationId == applicationId && p.Status == PaymentStatus.Succeeded)
            .SumAsync(p => p.AmountYen - p.RefundedYen, ct);

    private async Task SaveQuietlyAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request moved the same payment meanwhile; its state stands.
        }
    }
}
