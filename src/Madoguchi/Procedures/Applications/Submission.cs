using System.Globalization;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Residents;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Catalogue;
using Madoguchi.Procedures.Workflow;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Applications;

/// <summary>
/// Submits a draft exactly once. The status change, the 到達番号, the audit entry and the receipt
/// mail commit in one transaction; a repeated submit (double click, replayed POST, a second tab)
/// finds the application already submitted and answers with the same number. Nothing is shown to
/// the resident before the commit, so every number ever shown exists after a crash.
/// </summary>
public sealed class Submission(MadoguchiDb db, MailOutbox outbox, IResidentProfiles residents, TenantContext tenant, TimeProvider time)
{
    public sealed record Receipt(string Number, DateTime SubmittedAt, bool AlreadySubmitted);

    public enum Refusal
    {
        NotFound,
        NotADraft,
        ProcedureNotOpen,
        /// <summary>A counter draft changed after the visitor confirmed it.</summary>
        ChangedSinceConfirmed,
    }

    /// <param name="mailTo">Where to send the receipt; null sends it to the address the resident verified, if any.</param>
    public async Task<(Receipt? Receipt, Refusal? Refused)> SubmitAsync(Guid applicationId, Guid residentId, string? mailTo, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The check page has just loaded the draft and its procedure into this request's context. A
            // query would hand back those same tracked instances (EF keeps tracked values), so it is
            // only sent when they are not tracked; after a lost race the tracker is cleared and the
            // winner's state is read from the database.
            var application = db.Set<Application>().Local.FirstOrDefault(a => a.Id == applicationId && a.ResidentId == residentId)
                ?? await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == applicationId && a.ResidentId == residentId, ct);
            if (application is null)
            {
                return (null, Refusal.NotFound);
            }

            if (application.ReceiptNumber is { } number)
            {
                return (new Receipt(number, application.SubmittedAt!.Value, AlreadySubmitted: true), null);
            }

            if (application.Status != ApplicationStatus.Draft)
            {
                return (null, Refusal.NotADraft);
            }

            var procedure = db.Set<Procedure>().Local.FirstOrDefault(p => p.Id == application.ProcedureId)
                ?? await db.Set<Procedure>().SingleAsync(p => p.Id == application.ProcedureId, ct);
            if (procedure.Status != ProcedureStatus.Published)
            {
                return (null, Refusal.ProcedureNotOpen);
            }

            // The receipt goes to the address the resident verified, whether they signed in with the
            // card (no e-mail claim) or a password.
            mailTo ??= (await residents.FindAsync(residentId, ct))?.VerifiedEmail;
            try
            {
                return (await CommitAsync(application, procedure, mailTo, EventActor.Resident, application.ResidentId, ct), null);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A concurrent submit of the same draft won (its Version check failed ours), or two
                // first numbers of a year raced: start over and read what the winner wrote.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Submits a draft counter staff filled for a visitor (書かない窓口), as the visitor confirmed it:
    /// the same numbering, queue and exactly-once rules as online, recorded as done by the member of
    /// staff. <paramref name="residentId"/> links it to the visitor's account when their identity
    /// matched it for sure; the receipt mail then goes to that account's verified address.
    /// </summary>
    public async Task<(Receipt? Receipt, Refusal? Refused)> SubmitAtCounterAsync(Guid applicationId, int confirmedVersion, Guid staffId, Guid? residentId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var application = await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == applicationId && a.Channel == ApplicationChannel.Counter, ct);
            if (application is null)
            {
                return (null, Refusal.NotFound);
            }

            if (application.ReceiptNumber is { } number)
            {
                return (new Receipt(number, application.SubmittedAt!.Value, AlreadySubmitted: true), null);
            }

            if (application.Status != ApplicationStatus.Draft || application.ResidentId is not null)
            {
                return (null, Refusal.NotADraft);
            }

            if (application.Version != confirmedVersion)
            {
                return (null, Refusal.ChangedSinceConfirmed);
            }

            var procedure = await db.Set<Procedure>().SingleAsync(p => p.Id == application.ProcedureId, ct);
            if (procedure.Status != ProcedureStatus.Published)
            {
                return (null, Refusal.ProcedureNotOpen);
            }

            var mailTo = residentId is { } linked ? (await residents.FindAsync(linked, ct))?.VerifiedEmail : null;
            application.ResidentId = residentId;
            try
            {
                return (await CommitAsync(application, procedure, mailTo, EventActor.Staff, staffId, ct), null);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The other click of a double submit won: read its number.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<Receipt> CommitAsync(Application application, Procedure procedure, string? mailTo, EventActor actor, Guid? actorId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var local = Wareki.ToJapanTime(now);
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // SaveChanges inside this transaction would open a savepoint (on SQLite every changed page
        // is then also copied to a sub-journal). Nothing here needs a partial rollback: a failure
        // disposes the whole transaction and the loop above starts over.
        db.Database.AutoSavepointsEnabled = false;
        var sequence = await NextNumberAsync(local.Year, ct);
        application.ReceiptNumber = $"{local.Year}-{sequence:D7}";
        application.SubmittedAt = now;
        application.DueAt = procedure.StandardProcessingDays is { } days ? now.AddDays(days) : null;
        application.UpdatedAt = now;
        application.Status = ApplicationStatus.Submitted;
        application.ContactEmail = mailTo;
        CaseChanges.Record(db, application, ApplicationEventKind.Submitted, actor, actorId, now);
        if (mailTo is not null)
        {
            outbox.Enqueue(mailTo, $"【{tenant.Name}】申請を受け付けました（到達番号 {application.ReceiptNumber}）",
                $"{procedure.Title} の申請を受け付けました。\n\n" +
                $"到達番号：{application.ReceiptNumber}\n" +
                $"到達日時：{Wareki.Date(local, CultureInfo.GetCultureInfo("ja-JP"))} {local:HH:mm}\n\n" +
                "審査の状況はマイページの「申請一覧」で確認できます。\n" +
                "お問い合わせの際は到達番号をお伝えください。\n");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Receipt(application.ReceiptNumber, now, AlreadySubmitted: false);
    }

    /// <summary>Numbers run per municipality and year without gaps from committed submissions.</summary>
    private async Task<long> NextNumberAsync(int year, CancellationToken ct)
    {
        var tenantId = tenant.TenantId!.Value;
        // UPDATE … SET Last = Last + 1 takes the row lock (PostgreSQL) or the write lock (SQLite)
        // until commit, so two submissions never draw the same number. RETURNING (SQLite 3.35+,
        // PostgreSQL) reads the new value in the same statement.
        var next = await db.Database.SqlQuery<long>(
                $"UPDATE \"ReceiptCounter\" SET \"Last\" = \"Last\" + 1 WHERE \"TenantId\" = {tenantId} AND \"Year\" = {year} RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(ct);
        if (next.Count == 0)
        {
            db.Add(new ReceiptCounter { TenantId = tenantId, Year = year, Last = 1 });
            await db.SaveChangesAsync(ct);
            return 1;
        }

        return next[0];
    }
}
