using System.Security.Claims;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Assisted.Visits;

/// <summary>
/// The steps of a counter visit: start (visit, its procedures and their prefilled drafts in one
/// transaction), the visitor's confirmation, and the submission of every application exactly once.
/// </summary>
public sealed class CounterVisits(MadoguchiDb db, IAssistedApplications applications, TimeProvider time)
{
    /// <summary>Who may work at the counter of a department: its reviewers and approvers (municipality admins: every department).</summary>
    public static DepartmentScope ScopeOf(ClaimsPrincipal user) => DepartmentScope.Of(user, StaffRoleKind.Reviewer, StaffRoleKind.Approver);

    public sealed record Part(VisitProcedure Link, AssistedDraft Draft);

    public sealed record Loaded(CounterVisit Visit, IReadOnlyList<Part> Parts);

    /// <summary>The visit with its drafts, when the member of staff works at its department; else null (not found).</summary>
    public async Task<Loaded?> LoadAsync(Guid visitId, ClaimsPrincipal user, CancellationToken ct)
    {
        var visit = await db.Set<CounterVisit>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || !ScopeOf(user).Covers(visit.DepartmentId))
        {
            return null;
        }

        var links = await db.Set<VisitProcedure>().AsNoTracking().Where(p => p.VisitId == visitId).OrderBy(p => p.Position).ToListAsync(ct);
        var parts = new List<Part>();
        foreach (var link in links)
        {
            if (await applications.FindAsync(link.ApplicationId, ct) is { } draft)
            {
                parts.Add(new Part(link, draft));
            }
        }

        return new Loaded(visit, parts);
    }

    public sealed record StartResult(Guid? VisitId, string? Problem);

    /// <summary>
    /// Starts the visit <paramref name="visitId"/> (chosen when the start page was shown): a second post
    /// of the same page finds it started and changes nothing.
    /// </summary>
    public async Task<StartResult> StartAsync(Guid visitId, Guid departmentId, IdentifiedVisitor visitor, VisitorFacts facts,
        IReadOnlyList<Guid> procedureIds, Guid staffId, CancellationToken ct)
    {
        if (await db.Set<CounterVisit>().AsNoTracking().AnyAsync(v => v.Id == visitId, ct))
        {
            return new StartResult(visitId, null);
        }

        var now = time.GetUtcNow().UtcDateTime;
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var visit = new CounterVisit
        {
            Id = visitId, DepartmentId = departmentId, VisitorName = facts.Name, IdentifiedBy = visitor.By, ResidentId = visitor.ResidentId,
            Status = VisitStatus.Interviewing, StartedBy = staffId, StartedAt = now,
        };
        db.Add(visit);
        var links = procedureIds.Distinct().Select((id, i) => new VisitProcedure { VisitId = visitId, ProcedureId = id, Position = i }).ToList();
        db.AddRange(links);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The other click of a double click started it first.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new StartResult(visitId, null);
        }

        foreach (var link in links)
        {
            if (await applications.StartAsync(link.ApplicationId, link.ProcedureId, facts, ct) is null)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return new StartResult(null, "選んだ手続のうち、受付を終了したものがあります。選び直してください。");
            }
        }

        await transaction.CommitAsync(ct);
        return new StartResult(visitId, null);
    }

    /// <summary>A page of a form was saved: a confirmation given before no longer holds.</summary>
    public async Task ReopenAsync(Guid visitId, CancellationToken ct)
    {
        var visit = await db.Set<CounterVisit>().SingleOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || visit.Status != VisitStatus.Confirmed)
        {
            return;
        }

        visit.Status = VisitStatus.Interviewing;
        visit.ConfirmedAt = null;
        visit.ConfirmedBy = null;
        foreach (var link in await db.Set<VisitProcedure>().Where(p => p.VisitId == visitId).ToListAsync(ct))
        {
            link.ConfirmedVersion = null;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
    }

    public enum ConfirmOutcome
    {
        Confirmed,
        AlreadyConfirmed,
        Incomplete,
        AlreadySubmitted,
        Stale,
    }

    /// <summary>The visitor confirms every form as it is now (the versions they saw); recorded with the time and the member of staff.</summary>
    public async Task<ConfirmOutcome> ConfirmAsync(Loaded loaded, IReadOnlyDictionary<Guid, int> seenVersions, Guid staffId, CancellationToken ct)
    {
        if (loaded.Visit.Status == VisitStatus.Submitted)
        {
            return ConfirmOutcome.AlreadySubmitted;
        }

        var versions = new Dictionary<Guid, int>();
        foreach (var part in loaded.Parts)
        {
            var review = await applications.ReviewAsync(part.Link.ApplicationId, ct);
            if (review is null || review.Problems.Count > 0)
            {
                return ConfirmOutcome.Incomplete;
            }

            // What the visitor read must be what is there now (another screen may have changed a form meanwhile).
            if (!seenVersions.TryGetValue(part.Link.ApplicationId, out var seen) || seen != review.Version)
            {
                return ConfirmOutcome.Stale;
            }

            versions[part.Link.Id] = review.Version;
        }

        if (loaded.Visit.Status == VisitStatus.Confirmed && loaded.Parts.All(p => p.Link.ConfirmedVersion == versions[p.Link.Id]))
        {
            return ConfirmOutcome.AlreadyConfirmed;
        }

        var visit = await db.Set<CounterVisit>().SingleAsync(v => v.Id == loaded.Visit.Id, ct);
        db.Entry(visit).Property(v => v.Version).OriginalValue = loaded.Visit.Version;
        visit.Status = VisitStatus.Confirmed;
        visit.ConfirmedAt = time.GetUtcNow().UtcDateTime;
        visit.ConfirmedBy = staffId;
        foreach (var link in await db.Set<VisitProcedure>().Where(p => p.VisitId == visit.Id).ToListAsync(ct))
        {
            link.ConfirmedVersion = versions[link.Id];
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return ConfirmOutcome.Confirmed;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ConfirmOutcome.Stale;
        }
    }

    public enum SubmitOutcome
    {
        Submitted,
        NotConfirmed,
        /// <summary>A form changed after the visitor confirmed: they confirm again.</summary>
        ChangedSinceConfirmed,
        Refused,
    }

    /// <summary>
    /// Submits every application of a confirmed visit. Each application is submitted exactly once by
    /// its own Version check, so a double click or a second screen ends with one 到達番号 per procedure.
    /// </summary>
    public async Task<SubmitOutcome> SubmitAsync(Loaded loaded, Guid staffId, CancellationToken ct)
    {
        var visit = loaded.Visit;
        if (visit.Status == VisitStatus.Submitted)
        {
            return SubmitOutcome.Submitted;
        }

        if (visit.Status != VisitStatus.Confirmed || loaded.Parts.Any(p => p.Link.ConfirmedVersion is null))
        {
            return SubmitOutcome.NotConfirmed;
        }

        var receipts = new Dictionary<Guid, string>();
        foreach (var part in loaded.Parts)
        {
            var result = await applications.SubmitAsync(part.Link.ApplicationId, part.Link.ConfirmedVersion!.Value, staffId, visit.ResidentId, ct);
            switch (result.Outcome)
            {
                case AssistedSubmitOutcome.Submitted or AssistedSubmitOutcome.AlreadySubmitted:
                    receipts[part.Link.Id] = result.ReceiptNumber!;
                    break;
                case AssistedSubmitOutcome.ChangedSinceConfirmed or AssistedSubmitOutcome.Incomplete:
                    await ReopenAsync(visit.Id, ct);
                    return SubmitOutcome.ChangedSinceConfirmed;
                default:
                    return SubmitOutcome.Refused;
            }
        }

        db.ChangeTracker.Clear();
        var row = await db.Set<CounterVisit>().SingleAsync(v => v.Id == visit.Id, ct);
        if (row.Status == VisitStatus.Submitted)
        {
            return SubmitOutcome.Submitted;
        }

        row.Status = VisitStatus.Submitted;
        row.SubmittedAt = time.GetUtcNow().UtcDateTime;
        row.SubmittedBy = staffId;
        foreach (var link in await db.Set<VisitProcedure>().Where(p => p.VisitId == visit.Id).ToListAsync(ct))
        {
            link.ReceiptNumber = receipts.GetValueOrDefault(link.Id) ?? link.ReceiptNumber;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The other click recorded the same submission first.
            db.ChangeTracker.Clear();
        }

        return SubmitOutcome.Submitted;
    }
}
