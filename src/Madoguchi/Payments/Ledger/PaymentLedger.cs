using Madoguchi.Payments.Stripe;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Payments.Ledger;

/// <summary>
/// Moves online payments through their states exactly once, whichever arrives first: the
/// resident's return from the provider's hosted card page or the provider's webhooks
/// (checkout.session.completed and payment_intent.succeeded), twice or late. A state only moves
/// forward (Pending → RequiresAction → Succeeded / Failed); a success is final.
/// </summary>
public sealed class PaymentLedger(MadoguchiDb db, StripeClient stripe, Accounts.ProviderAccounts accounts, IApplicationFees fees, TenantContext tenant, TimeProvider time, ILogger<PaymentLedger> log)
{
    public enum StartOutcome
    {
        /// <summary>Go to the provider's hosted card page (Checkout).</summary>
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

    /// <summary>How long the provider keeps a hosted card page open (Stripe allows 30 minutes to 24 hours).</summary>
    public static readonly TimeSpan CheckoutLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// An attempt younger than this is continued on its own page; older, a new page is made, so the
    /// resident never lands on one about to close, and a session made late for an attempt (its first
    /// call never reached the provider) still gets the 30 minutes Stripe requires of expires_at.
    /// </summary>
    private static readonly TimeSpan ContinueWithin = CheckoutLifetime - TimeSpan.FromMinutes(30);

    /// <summary>
    /// Starts (or, for a repeated key, continues) paying an application's fee online.
    /// <paramref name="confirmedYen"/> is the total the resident saw; <paramref name="siteUrl"/> is this
    /// site's scheme, host and path base (where the provider sends the resident back); the charge is
    /// always the server's own quote.
    /// </summary>
    public async Task<StartResult> StartOnlineAsync(Guid applicationId, Guid residentId, Guid key, long confirmedYen, string siteUrl, CancellationToken ct)
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
            // without finishing, or a card was declined there) is continued on its own page, so one
            // fee never has two live pages.
            var since = time.GetUtcNow().UtcDateTime - ContinueWithin;
            payment = await db.Set<Payment>().Where(p => p.ApplicationId == applicationId && p.Provider == PaymentProvider.Stripe
                    && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.RequiresAction || p.Status == PaymentStatus.Failed)
                    && p.AmountYen == quote.TotalYen && p.CreatedAt > since)
                .OrderByDescending(p => p.Attempt).FirstOrDefaultAsync(ct);
            if (payment is null)
            {
                // Older pages (another amount, or about to close) are closed first; one of them may
                // turn out paid meanwhile, and then nothing more is owed.
                if (await CloseOpenPagesAsync(applicationId, ct) is { } paidMeanwhile)
                {
                    return new StartResult(StartOutcome.Paid, paidMeanwhile.Id);
                }

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

        return await ContinueAsync(payment, siteUrl, ct);
    }

    /// <summary>Expires the provider pages of an application's earlier attempts; returns an attempt found paid.</summary>
    private async Task<Payment?> CloseOpenPagesAsync(Guid applicationId, CancellationToken ct)
    {
        var open = await db.Set<Payment>().Where(p => p.ApplicationId == applicationId && p.Provider == PaymentProvider.Stripe && p.CheckoutSessionId != null
                && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.RequiresAction || p.Status == PaymentStatus.Failed))
            .ToListAsync(ct);
        foreach (var earlier in open)
        {
            if (await KeyOfAsync(earlier, ct) is not { } secretKey)
            {
                continue;
            }

            var expired = await stripe.ExpireCheckoutSessionAsync(secretKey, earlier.CheckoutSessionId!, $"madoguchi-cs-expire-{earlier.Id}", ct);
            // Refused when the session is no longer open (paid, or already expired): what it is now decides.
            var session = expired.Value ?? (await stripe.RetrieveCheckoutSessionAsync(secretKey, earlier.CheckoutSessionId!, ct)).Value;
            if (session is not null)
            {
                await ApplySessionAsync(earlier, session, ct);
            }

            if (earlier.Status == PaymentStatus.Succeeded)
            {
                return earlier;
            }
        }

        return null;
    }

    private async Task<Payment?> NewAttemptAsync(FeeQuote quote, Guid key, CancellationToken ct)
    {
        if (await accounts.CurrentAsync(ct) is not { } account)
        {
            return null;
        }

        var attempt = await db.Set<Payment>().Where(p => p.ApplicationId == quote.ApplicationId).MaxAsync(p => (int?)p.Attempt, ct) ?? 0;
        var payment = new Payment
        {
            TenantId = tenant.TenantId!.Value, ApplicationId = quote.ApplicationId, Attempt = attempt + 1, IdempotencyKey = key,
            ResidentId = quote.ResidentId, DepartmentId = quote.DepartmentId, FeeItem = quote.Item, AmountYen = quote.TotalYen,
            Provider = PaymentProvider.Stripe, Method = "card", Status = PaymentStatus.Pending, CreatedAt = time.GetUtcNow().UtcDateTime,
            OnOwnAccount = account.OwnAccount,
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

    private async Task<StartResult> ContinueAsync(Payment payment, string siteUrl, CancellationToken ct)
    {
        switch (payment.Status)
        {
            case PaymentStatus.Succeeded:
                await AfterSuccessAsync(payment, ct);
                return new StartResult(StartOutcome.Paid, payment.Id);
            case PaymentStatus.Canceled:
            case PaymentStatus.Failed when payment.CreatedAt <= time.GetUtcNow().UtcDateTime - ContinueWithin:
                return new StartResult(StartOutcome.Declined, payment.Id, Message: payment.FailureMessage);
        }

        // The same key for every call about this attempt: a retry after a timeout or a 500, or a
        // second click, gets the session the provider already made, never a second one. Every
        // parameter derives from the stored attempt (expires_at from its creation), so a retry is
        // the same request.
        if (await KeyOfAsync(payment, ct) is not { } secretKey)
        {
            return new StartResult(StartOutcome.ProviderUnavailable, payment.Id);
        }

        var site = siteUrl.TrimEnd('/') + "/" + tenant.Code;
        var created = await stripe.CreateCheckoutSessionAsync(secretKey, new CheckoutRequest(
            payment.AmountYen, payment.FeeItem, $"{tenant.Name} {payment.FeeItem}",
            $"{site}/payments/{payment.Id}/return?session_id={{CHECKOUT_SESSION_ID}}",
            $"{site}/payments/applications/{payment.ApplicationId}?canceled={payment.Id}",
            payment.ApplicationId.ToString(),
            new DateTimeOffset(DateTime.SpecifyKind(payment.CreatedAt, DateTimeKind.Utc)).Add(CheckoutLifetime),
            new Dictionary<string, string>
            {
                ["application_id"] = payment.ApplicationId.ToString(),
                ["payment_id"] = payment.Id.ToString(),
                ["tenant"] = tenant.Code!,
            }), $"madoguchi-cs-{payment.Id}", ct);
        if (created.Error is { } error)
        {
            log.LogWarning("Payment provider refused or did not answer for payment {Payment}: {Type} {Code} (HTTP {Status})", payment.Id, error.Type, error.Code, error.HttpStatus);
            return new StartResult(StartOutcome.ProviderUnavailable, payment.Id);
        }

        var session = created.Value!;
        await ApplySessionAsync(payment, session, ct);
        return payment.Status switch
        {
            PaymentStatus.Succeeded => new StartResult(StartOutcome.Paid, payment.Id),
            PaymentStatus.Pending or PaymentStatus.RequiresAction or PaymentStatus.Failed when session.Url is { } url => new StartResult(StartOutcome.Redirect, payment.Id, url),
            _ => new StartResult(StartOutcome.Declined, payment.Id, Message: payment.FailureMessage),
        };
    }

    /// <summary>The resident is back from the provider: what the provider says now (never what the return URL says).</summary>
    public async Task<Payment?> RefreshAsync(Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Set<Payment>().SingleOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null || payment.Provider != PaymentProvider.Stripe || payment.CheckoutSessionId is null
            || payment.Status is PaymentStatus.Succeeded or PaymentStatus.Canceled)
        {
            if (payment is { Status: PaymentStatus.Succeeded })
            {
                await AfterSuccessAsync(payment, ct);
            }

            return payment;
        }

        if (await KeyOfAsync(payment, ct) is not { } secretKey)
        {
            return payment;
        }

        var session = await stripe.RetrieveCheckoutSessionAsync(secretKey, payment.CheckoutSessionId, ct);
        if (session.Value is { } current)
        {
            await ApplySessionAsync(payment, current, ct);
        }

        return payment;
    }

    /// <summary>
    /// Applies the provider's view of a Checkout Session (the return page, checkout.session.* events):
    /// paid → Succeeded, expired → Canceled, open → the resident is on the provider's page.
    /// </summary>
    public Task<string> ApplySessionAsync(Payment payment, CheckoutSession session, CancellationToken ct)
    {
        if (session.AmountTotal != payment.AmountYen || session.Currency != "jpy")
        {
            log.LogError("Session {Session} of payment {Payment} is for {Amount} {Currency}, not {Expected} jpy", session.Id, payment.Id, session.AmountTotal, session.Currency, payment.AmountYen);
            return Task.FromResult("amount mismatch: not applied");
        }

        return MoveAsync(payment, p =>
        {
            p.CheckoutSessionId ??= session.Id;
            p.ProviderPaymentId ??= session.PaymentIntent;
            return (session.Paid ? PaymentStatus.Succeeded : session.Status == "expired" ? PaymentStatus.Canceled : PaymentStatus.RequiresAction, null);
        }, ct);
    }

    /// <summary>
    /// Applies the provider's view of an intent (payment_intent.* events). Returns what changed, for
    /// the event log. Safe to call twice with the same state, and with an older state after a newer one.
    /// </summary>
    public Task<string> ApplyIntentAsync(Payment payment, PaymentIntent intent, CancellationToken ct)
    {
        if (intent.Amount != payment.AmountYen || intent.Currency != "jpy")
        {
            log.LogError("Intent {Intent} of payment {Payment} is for {Amount} {Currency}, not {Expected} jpy", intent.Id, payment.Id, intent.Amount, intent.Currency, payment.AmountYen);
            return Task.FromResult("amount mismatch: not applied");
        }

        return MoveAsync(payment, p =>
        {
            p.ProviderPaymentId ??= intent.Id;
            var next = intent.Status switch
            {
                "succeeded" => PaymentStatus.Succeeded,
                "requires_action" => PaymentStatus.RequiresAction,
                "canceled" => PaymentStatus.Canceled,
                "requires_payment_method" when intent.LastError is not null => PaymentStatus.Failed,
                _ => PaymentStatus.Pending,
            };
            return (next, intent.LastError);
        }, ct);
    }

    /// <summary>
    /// Moves a payment to what <paramref name="decide"/> reads from the provider, forward only, saved
    /// against its Version; a concurrent update (the webhook and the return page at the same moment)
    /// reloads and decides again. After a success the application is told, once.
    /// </summary>
    private async Task<string> MoveAsync(Payment payment, Func<Payment, (PaymentStatus Next, string? Failure)> decide, CancellationToken ct)
    {
        for (var round = 0; round < 3; round++)
        {
            var (next, failure) = decide(payment);
            if (!MovesForward(payment.Status, next))
            {
                if (db.Entry(payment).State == EntityState.Modified)
                {
                    // Only the provider's ids were learnt.
                    await SaveQuietlyAsync(ct);
                }

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
                payment.FailureMessage = failure;
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
                await db.Entry(payment).ReloadAsync(ct);
            }
        }

        return "conflict: retried";
    }

    /// <summary>
    /// Forward only. Failed may still become Succeeded (a declined card, then another card on the same
    /// hosted page) or Canceled (the page expired); a page still open after a decline stays Failed.
    /// </summary>
    private static bool MovesForward(PaymentStatus from, PaymentStatus to) => (from, to) switch
    {
        (PaymentStatus.Succeeded, _) => false,
        // Money the provider took is always recorded, even on an attempt thought closed.
        (_, PaymentStatus.Succeeded) => true,
        (PaymentStatus.Canceled, _) => false,
        (PaymentStatus.Pending, PaymentStatus.RequiresAction or PaymentStatus.Failed or PaymentStatus.Canceled) => true,
        (PaymentStatus.RequiresAction, PaymentStatus.Failed or PaymentStatus.Canceled) => true,
        (PaymentStatus.Failed, PaymentStatus.Canceled) => true,
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
        var secretKey = await KeyOfAsync(payment, ct);
        var result = secretKey is null ? new StripeResult<RefundObject>(null, StripeError.Unreachable("no provider account"))
            : await stripe.RefundAsync(secretKey, payment.ProviderPaymentId, amount, providerNote, $"madoguchi-orphan-{payment.Id}", ct);
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

    /// <summary>The secret key of the account the payment was made with (null: that account is no longer configured).</summary>
    private async Task<string?> KeyOfAsync(Payment payment, CancellationToken ct) => (await accounts.ForAsync(payment.OnOwnAccount, ct))?.SecretKey;

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
