using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Workflow;

/// <summary>
/// The common end of every action on an application: the step is recorded and the row saved against
/// the Version the actor saw, in one transaction with the event, the message and the mail. Of two
/// actors who saw the same version one wins; the other's whole unit of work rolls back.
/// </summary>
internal static class CaseChanges
{
    public const int MaxTextLength = 2000;

    public static CaseResult? Check(Application application, int expectedVersion, CaseAction action)
    {
        if (application.Version != expectedVersion)
        {
            return new CaseResult(CaseOutcome.Stale, application.Status);
        }

        return ReviewTransitions.Allows(application.Status, action) ? null : new CaseResult(CaseOutcome.NotAllowed, application.Status);
    }

    /// <summary>Text the action needs: present, and short enough to read.</summary>
    public static CaseResult? Required(string? text, string field, bool required = true) =>
        (required && string.IsNullOrWhiteSpace(text)) || text?.Length > MaxTextLength ? new CaseResult(CaseOutcome.Invalid, Field: field) : null;

    public static ApplicationEvent Record(MadoguchiDb db, Application application, ApplicationEventKind kind, EventActor actor, Guid? actorId, DateTime at, string? text = null)
    {
        var step = new ApplicationEvent
        {
            TenantId = application.TenantId, ApplicationId = application.Id, At = at, Kind = kind, Status = application.Status,
            Actor = actor, ActorId = actorId, Text = text,
        };
        db.Add(step);
        return step;
    }

    public static async Task<CaseResult> CommitAsync(MadoguchiDb db, Application application, int expectedVersion, CancellationToken ct)
    {
        // Even a step that changes no column of the application (a note, a message) moves its
        // Version, so a double click adds one row and a decision is taken on what was last seen.
        db.Entry(application).Property(a => a.Version).IsModified = true;
        db.Entry(application).Property(a => a.Version).OriginalValue = expectedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
            return new CaseResult(CaseOutcome.Done, application.Status);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await db.Set<Application>().Where(a => a.Id == application.Id).Select(a => a.Status).SingleAsync(ct);
            return new CaseResult(CaseOutcome.Stale, now);
        }
    }
}
