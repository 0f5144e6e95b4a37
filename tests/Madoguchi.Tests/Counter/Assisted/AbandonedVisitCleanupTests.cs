using Madoguchi.Counter.Assisted.Visits;
using Madoguchi.Procedures.Applications;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Counter.Assisted;

/// <summary>
/// A counter visit the visitor walked away from keeps their personal data in its drafts; after the
/// configured hours it goes, with its drafts, once across two nodes and in the audit trail. Submitted
/// and recent visits stay.
/// </summary>
public sealed class AbandonedVisitCleanupTests(CounterApp app) : IClassFixture<CounterApp>
{
    [Fact]
    public async Task An_old_unsubmitted_visit_and_its_drafts_go_once_across_two_nodes_and_submitted_or_recent_ones_stay()
    {
        await using var second = app.SecondNode().With("Platform:DataDirectory", app.DataDirectory);
        var tenant = await app.TenantAsync();
        await app.OfferAsync(tenant, CounterScenario.MovingOut);
        var (_, client) = await app.CounterStaffAsync(tenant);
        var procedure = await app.ProcedureIdAsync(tenant, CounterScenario.MovingOut);
        async Task<Guid> StartAsync() => await client.StartVisitAsync(await client.IdentifyByCardAsync(tenant.Code, CounterScenario.AobaCard()), procedure);

        var abandoned = await StartAsync();
        await client.FillMovingOutAsync(tenant.Code, abandoned, 0);
        var submitted = await StartAsync();
        await client.FillMovingOutAsync(tenant.Code, submitted, 0);
        await client.VisitorConfirmsAsync(tenant.Code, submitted);
        await client.SubmitVisitAsync(tenant.Code, submitted);
        var recent = await StartAsync();

        // The first two were started four days ago (the default limit is 72 hours).
        await app.DbAsync(db => db.Set<CounterVisit>().IgnoreQueryFilters().Where(v => v.Id == abandoned || v.Id == submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.StartedAt, DateTime.UtcNow.AddDays(-4))));
        var abandonedDraft = await ApplicationOfAsync(abandoned);
        var submittedApplication = await ApplicationOfAsync(submitted);

        var counts = await Task.WhenAll(
            app.Services.GetRequiredService<AbandonedVisitCleanup>().DeleteAbandonedAsync(CancellationToken.None),
            second.Services.GetRequiredService<AbandonedVisitCleanup>().DeleteAbandonedAsync(CancellationToken.None));

        Assert.Equal(1, counts.Sum());
        var visits = await app.DbAsync(db => db.Set<CounterVisit>().IgnoreQueryFilters().Where(v => v.TenantId == tenant.Id).Select(v => v.Id).ToListAsync());
        Assert.Equal(new[] { submitted, recent }.Order(), visits.Order());
        Assert.Empty(await app.DbAsync(db => db.Set<VisitProcedure>().IgnoreQueryFilters().Where(p => p.VisitId == abandoned).ToListAsync()));
        var applications = await app.DbAsync(db => db.Set<Application>().IgnoreQueryFilters().Where(a => a.TenantId == tenant.Id).ToListAsync());
        Assert.DoesNotContain(applications, a => a.Id == abandonedDraft);
        Assert.Contains(applications, a => a.Id == submittedApplication && a.Status == ApplicationStatus.Submitted);
        Assert.Equal(2, applications.Count);

        // Each deletion is in the municipality's audit trail, by the clean-up.
        var audited = await app.DbAsync(db => db.AuditEntries.Where(a => a.ChainId == tenant.Id && a.Action == "deleted")
            .Select(a => new { a.EntityType, a.EntityId, a.Actor }).ToListAsync());
        Assert.Contains(audited, a => a.EntityType == nameof(CounterVisit) && a.EntityId == abandoned.ToString() && a.Actor == "system:counter-visit-cleanup");
        Assert.Contains(audited, a => a.EntityType == nameof(Application) && a.EntityId == abandonedDraft.ToString());
        Assert.Equal(0, await app.Services.GetRequiredService<AbandonedVisitCleanup>().DeleteAbandonedAsync(CancellationToken.None));
    }

    private async Task<Guid> ApplicationOfAsync(Guid visit) =>
        await app.DbAsync(db => db.Set<VisitProcedure>().IgnoreQueryFilters().Where(p => p.VisitId == visit).Select(p => p.ApplicationId).SingleAsync());
}
