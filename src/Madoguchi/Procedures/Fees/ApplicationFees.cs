using Madoguchi.Platform.Data;
using Madoguchi.Platform.Payments;
using Madoguchi.Platform.Protection;
using Madoguchi.Procedures.Applications;
using Madoguchi.Procedures.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Fees;

/// <summary>The Procedures side of <see cref="IApplicationFees"/>: quotes from the version the application was made with.</summary>
internal sealed class ApplicationFees(MadoguchiDb db, FieldCipher cipher, Submission submission) : IApplicationFees
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
        var deadline = template.Fee is { Timing: PaymentTiming.AfterApproval, PaymentDays: { } days } && application.DecidedAt is { } decided
            ? decided.AddDays(days) : (DateTime?)null;
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
            catch (Exception ex) when (attempt < 3 && ex is DbUpdateException or InvalidOperationException { InnerException: DbUpdateException })
            {
                // The return from 3-D Secure and the webhook submit the same draft at the same moment;
                // on PostgreSQL the loser may end in a deadlock (reported by the execution strategy as
                // a transient failure) rather than a version conflict. Start over: the winner's
                // number is read.
                db.ChangeTracker.Clear();
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
}
