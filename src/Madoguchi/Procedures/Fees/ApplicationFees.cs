using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Protection;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Fees;

/// <summary>The Procedures side of <see cref="IApplicationFees"/>: quotes from the version the application was made with.</summary>
internal sealed class ApplicationFees(MadoguchiDb db, FieldCipher cipher, Submission submission, ResidentNotices notices, TimeProvider time) : IApplicationFees
{
    public async Task<FeeQuote?> QuoteAsync(Guid applicationId, CancellationToken ct)
    {
        var application = await db.Set<Application>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is null)
        {
            return null;
        }

        var procedure = await db.Set<Procedure>().AsNoTracking().Where(p => p.Id == application.ProcedureId)
            .Select(p => new { p.Title, p.DepartmentId }).SingleAsync(ct);
        var template = await ProcedureDefinitions.LoadAsync(db, application.ProcedureId, application.ProcedureVersion, ct);
        // Sealed answers (個人番号 …) are opened so that a fee may depend on any answer; none is kept.
        var data = await cipher.OpenAsync(application, ct);
        // Fixed at approval; an application approved before the column existed gets the same rule.
        var deadline = application.PaymentDueAt
            ?? (template.Fee is { Timing: PaymentTiming.AfterApproval, PaymentDays: { } days } && application.DecidedAt is { } decided
                ? PaymentDeadlines.DueAt(decided, days) : null);
        return new FeeQuote(application.Id, application.ResidentId, procedure.DepartmentId, procedure.Title, application.ReceiptNumber,
            application.Status.ToString(), template.Fee.Timing, deadline, FeeCalculator.Lines(template, data));
    }

    public async Task<string?> SubmitPaidAsync(Guid applicationId, CancellationToken ct)
    {
        var owner = await db.Set<Application>().AsNoTracking().Where(a => a.Id == applicationId)
            .Select(a => new { a.ResidentId, a.ReceiptNumber }).SingleOrDefaultAsync(ct);
        if (owner is null)
        {
            return null;
        }

        if (owner.ReceiptNumber is { } number || owner.ResidentId is not { } resident)
        {
            return owner.ReceiptNumber;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (receipt, _) = await submission.SubmitAsync(applicationId, resident, mailTo: null, ct);
                return receipt?.Number;
            }
            catch (Exception ex) when (attempt < 5 && ex is DbUpdateException or InvalidOperationException { InnerException: DbUpdateException })
            {
                // The resident's return and the provider's webhooks (checkout.session.completed and
                // payment_intent.succeeded, sent together) submit the same draft at the same moment;
                // on PostgreSQL a loser may end in a deadlock (reported by the execution strategy as a
                // transient failure) rather than a version conflict. Start over after a short, jittered
                // pause, so that three at once do not collide again: the winner's number is read.
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 80) * attempt), ct);
            }
        }
    }

    public async Task<Guid?> FindAsync(string reference, CancellationToken ct)
    {
        var text = reference.Trim();
        if (Guid.TryParse(text, out var id))
        {
            return await db.Set<Application>().Where(a => a.Id == id).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
        }

        return await db.Set<Application>().Where(a => a.ReceiptNumber == text).Select(a => (Guid?)a.Id).SingleOrDefaultAsync(ct);
    }

    public async Task<FeeSettlement> RecordPaidAsync(Guid applicationId, CancellationToken ct)
    {
        for (var round = 0; round < 3; round++)
        {
            var application = await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
            switch (application)
            {
                case null:
                    return FeeSettlement.NotFound;
                case { Status: ApplicationStatus.Expired }:
                    return FeeSettlement.Expired;
                case { Status: not ApplicationStatus.Approved } or { FeePaidAt: not null } or { PaymentDueAt: null }:
                    return FeeSettlement.NothingToRecord;
            }

            var now = time.GetUtcNow().UtcDateTime;
            application.FeePaidAt = now;
            application.UpdatedAt = now;
            CaseChanges.Record(db, application, ApplicationEventKind.FeePaid, EventActor.System, null, now);
            try
            {
                var result = await CaseChanges.CommitAsync(db, application, application.Version, ct);
                if (result.Outcome == CaseOutcome.Done)
                {
                    return FeeSettlement.Recorded;
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException { InnerException: DbUpdateException })
            {
                // The return page and the webhook record the same payment at the same moment; on
                // PostgreSQL the loser may end in a deadlock rather than a version conflict.
                db.ChangeTracker.Clear();
            }

            // The expiry sweep (or the other of the return page and the webhook) changed it meanwhile: decide again on what it is now.
        }

        return FeeSettlement.NothingToRecord;
    }

    public async Task<IReadOnlyList<OverdueFee>> OverdueAsync(DateTime now, int max, CancellationToken ct) =>
        (await db.Set<Application>().IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.Approved && a.FeePaidAt == null && a.PaymentDueAt != null && a.PaymentDueAt <= now)
            .OrderBy(a => a.PaymentDueAt).Take(max).Select(a => new { a.Id, a.TenantId }).ToListAsync(ct))
        .Select(a => new OverdueFee(a.Id, a.TenantId)).ToList();

    public async Task<bool> ExpireUnpaidAsync(Guid applicationId, DateTime now, CancellationToken ct)
    {
        var application = await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == applicationId, ct);
        if (application is not { Status: ApplicationStatus.Approved, FeePaidAt: null, PaymentDueAt: { } due } || due > now)
        {
            return false;
        }

        var title = await db.Set<Procedure>().Where(p => p.Id == application.ProcedureId).Select(p => p.Title).SingleAsync(ct);
        application.Status = ApplicationStatus.Expired;
        application.UpdatedAt = now;
        CaseChanges.Record(db, application, ApplicationEventKind.PaymentExpired, EventActor.System, null, now);
        notices.PaymentExpired(application, title);
        // Saved against the Version read above: of two sweeps (two nodes) one saves, the other's whole
        // unit of work (status, history, mail) rolls back.
        try
        {
            var result = await CaseChanges.CommitAsync(db, application, application.Version, ct);
            return result.Outcome == CaseOutcome.Done;
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException { InnerException: DbUpdateException })
        {
            // Lost to a payment recorded at the same moment (or a deadlock on PostgreSQL): nothing was
            // saved; the next pass decides again on what the application is then.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
