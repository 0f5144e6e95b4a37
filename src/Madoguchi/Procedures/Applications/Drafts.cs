using Madoguchi.Procedures.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Applications;

/// <summary>Drafts a resident fills over several pages, leaves, and resumes.</summary>
public sealed class Drafts(MadoguchiDb db, TimeProvider time)
{
    /// <summary>The resident's open draft of the procedure, or a new one on its published version.</summary>
    public async Task<Application?> StartAsync(string procedureKey, Guid residentId, CancellationToken ct)
    {
        var procedure = await db.Set<Procedure>().SingleOrDefaultAsync(p => p.Key == procedureKey && p.Status == ProcedureStatus.Published, ct);
        if (procedure is null)
        {
            return null;
        }

        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Set<Application>().SingleOrDefaultAsync(
                a => a.ProcedureId == procedure.Id && a.ResidentId == residentId && a.Status == ApplicationStatus.Draft, ct);
            if (existing is not null)
            {
                return existing;
            }

            var draft = new Application
            {
                ProcedureId = procedure.Id, ProcedureVersion = procedure.PublishedVersion, ResidentId = residentId,
                Channel = ApplicationChannel.Online, Status = ApplicationStatus.Draft, Data = "{}",
            };
            db.Add(draft);
            try
            {
                await db.SaveChangesAsync(ct);
                return draft;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another tab started the same draft a moment ago: the filtered unique index kept one.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A draft, or an arrived application the department asked to correct (補正).</summary>
    public static bool IsEditable(ApplicationStatus status) => status is ApplicationStatus.Draft or ApplicationStatus.CorrectionRequested;

    public enum SaveOutcome
    {
        Saved,
        NotFound,
        NotADraft,
        /// <summary>Saved meanwhile from another tab or device; the resident reloads and continues there.</summary>
        Conflict,
    }

    public async Task<SaveOutcome> SaveAsync(Guid applicationId, Guid residentId, string data, int page, int seenVersion, CancellationToken ct)
    {
        var application = await db.Set<Application>().SingleOrDefaultAsync(a => a.Id == applicationId && a.ResidentId == residentId, ct);
        if (application is null)
        {
            return SaveOutcome.NotFound;
        }

        if (!IsEditable(application.Status))
        {
            return SaveOutcome.NotADraft;
        }

        db.Entry(application).Property(a => a.Version).OriginalValue = seenVersion;
        application.Data = data;
        application.CurrentPage = page;
        application.UpdatedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            return SaveOutcome.Conflict;
        }
    }
}
