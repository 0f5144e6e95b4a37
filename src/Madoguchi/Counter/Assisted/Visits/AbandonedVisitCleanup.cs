using Madoguchi.Platform;
using Madoguchi.Platform.Assisted;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter.Assisted.Visits;

/// <summary>
/// Deletes counter visits that were never submitted, with their drafts, after
/// <see cref="AssistedCounterOptions.AbandonedVisitHours"/>: a visitor who left before confirming
/// leaves their name, address and answers in the drafts, and keeping them without a purpose is
/// keeping personal data without a purpose. Every deletion goes to the audit trail.
/// </summary>
/// <remarks>
/// Safe on any number of nodes: each visit is deleted in its own transaction through its concurrency
/// token, so of two nodes (or a submission at that moment) exactly one wins and the other changes
/// nothing; a submitted visit is never touched.
/// </remarks>
internal sealed class AbandonedVisitCleanup(
    IServiceScopeFactory scopes,
    IOptions<AssistedCounterOptions> options,
    TimeProvider time,
    ILogger<AbandonedVisitCleanup> logger) : PeriodicPass(time, logger)
{
    private const int Batch = 200;

    protected override TimeSpan Interval => options.Value.AbandonedVisitCheckInterval;

    protected override Task<int> RunPassAsync(CancellationToken ct) => DeleteAbandonedAsync(ct);

    /// <summary>One pass: deletes every abandoned visit older than the limit. Returns how many this node deleted.</summary>
    internal async Task<int> DeleteAbandonedAsync(CancellationToken ct)
    {
        var cutoff = Time.GetUtcNow().UtcDateTime.AddHours(-options.Value.AbandonedVisitHours);
        var deleted = 0;
        while (true)
        {
            List<(Guid Id, Guid TenantId)> abandoned;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
                abandoned = (await db.Set<CounterVisit>().IgnoreQueryFilters().AsNoTracking()
                    .Where(v => v.Status != VisitStatus.Submitted && v.StartedAt < cutoff)
                    .OrderBy(v => v.StartedAt).Select(v => new { v.Id, v.TenantId }).Take(Batch).ToListAsync(ct))
                    .Select(v => (v.Id, v.TenantId)).ToList();
            }

            var mine = 0;
            foreach (var (id, tenantId) in abandoned)
            {
                if (await DeleteOneAsync(id, tenantId, cutoff, ct))
                {
                    mine++;
                }
            }

            deleted += mine;
            if (abandoned.Count < Batch || mine == 0)
            {
                return deleted;
            }
        }
    }

    private async Task<bool> DeleteOneAsync(Guid visitId, Guid tenantId, DateTime cutoff, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AuditActor>().ActAsSystem("counter-visit-cleanup");
        var db = sp.GetRequiredService<MadoguchiDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct);
        sp.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.NameEn);
        var drafts = sp.GetRequiredService<IAssistedApplications>();

        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var visit = await db.Set<CounterVisit>().SingleOrDefaultAsync(v => v.Id == visitId && v.Status != VisitStatus.Submitted && v.StartedAt < cutoff, ct);
        if (visit is null)
        {
            return false;
        }

        try
        {
            var links = await db.Set<VisitProcedure>().Where(p => p.VisitId == visitId).ToListAsync(ct);
            foreach (var link in links)
            {
                await drafts.DiscardDraftAsync(link.ApplicationId, ct);
            }

            db.RemoveRange(links);
            db.Remove(visit);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node deleted it, or staff confirmed it a moment ago: theirs stands, and the
            // rollback keeps this node's partial deletions out.
            return false;
        }

        drafts.DeleteDiscardedFiles();
        return true;
    }
}
