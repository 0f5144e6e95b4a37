using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.OpenData.Fetch;

/// <summary>
/// Re-publication from a URL: fetches resources whose schedule is due, on every node. A resource is
/// claimed with a conditional UPDATE (one winner; a claim whose lease ran out is taken over), then
/// fetched in its municipality's scope; fetched versions that passed ingest are then published.
/// </summary>
internal sealed partial class FetchWorker(IServiceScopeFactory scopes, IOptions<OpenDataOptions> options, TimeProvider time, ILogger<FetchWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await FetchNextAsync(stoppingToken))
                {
                }

                await FinishIngestedAsync(stoppingToken);
                await Task.Delay(options.Value.FetchPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex);
                await Task.Delay(options.Value.FetchPollInterval, stoppingToken);
            }
        }
    }

    internal async Task<bool> FetchNextAsync(CancellationToken ct)
    {
        Guid id, tenantId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            var now = time.GetUtcNow().UtcDateTime;
            var next = await db.Set<DatasetResource>().IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.FetchSchedule != FetchSchedule.None && r.NextFetchAt <= now && (r.FetchClaimedUntil == null || r.FetchClaimedUntil < now))
                .OrderBy(r => r.NextFetchAt).Select(r => new { r.Id, r.TenantId }).FirstOrDefaultAsync(ct);
            if (next is null)
            {
                return false;
            }

            var lease = now + options.Value.FetchLease;
            var claimed = await db.Set<DatasetResource>().IgnoreQueryFilters()
                .Where(r => r.Id == next.Id && r.FetchSchedule != FetchSchedule.None && r.NextFetchAt <= now && (r.FetchClaimedUntil == null || r.FetchClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.FetchClaimedUntil, lease), ct);
            if (claimed == 0)
            {
                return true; // another node won it; look again
            }

            (id, tenantId) = (next.Id, next.TenantId);
        }

        await InTenantAsync(tenantId, sp => sp.GetRequiredService<SourceFetch>().RunAsync(id, ct), ct);
        return true;
    }

    /// <summary>Publishes fetched versions whose ingest has ended (any node may; the version check keeps it to one).</summary>
    internal async Task FinishIngestedAsync(CancellationToken ct)
    {
        List<(Guid Id, Guid TenantId)> waiting;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            waiting = (await db.Set<DatasetResource>().IgnoreQueryFilters().AsNoTracking().Where(r => r.PublishWhenPassed)
                .Where(r => db.Set<ResourceUpload>().IgnoreQueryFilters().Any(u => u.Id == r.LatestUploadId && (u.State == UploadState.Passed || u.State == UploadState.Failed)))
                .Select(r => new { r.Id, r.TenantId }).Take(50).ToListAsync(ct)).Select(r => (r.Id, r.TenantId)).ToList();
        }

        foreach (var (id, tenantId) in waiting)
        {
            try
            {
                await InTenantAsync(tenantId, sp => sp.GetRequiredService<SourceFetch>().FinishAsync(id, ct), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another node or a member of staff changed it at the same moment; the next pass looks again.
            }
        }
    }

    private async Task InTenantAsync(Guid tenantId, Func<IServiceProvider, Task> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.NameEn);
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAsSystem("opendata-fetch");
        await work(scope.ServiceProvider);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Open data fetch pass failed; retrying")]
    private partial void LogPassFailed(Exception ex);
}
