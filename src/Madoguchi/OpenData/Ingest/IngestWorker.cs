using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Public;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.OpenData.Ingest;

/// <summary>
/// Ingests uploads in the background so that an upload request returns as soon as the file is
/// stored. Any number of nodes may run it: an upload is claimed with a conditional UPDATE (one
/// winner), and a claim whose lease ran out (the node died) is taken over.
/// </summary>
internal sealed partial class IngestWorker(IServiceScopeFactory scopes, IngestSignal signal, IOptions<OpenDataOptions> options,
    TimeProvider time, ILogger<IngestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Uploads first; then the value indexes of the tables that passed.
                while (await IngestNextAsync(stoppingToken) || await IndexNextAsync(stoppingToken))
                {
                }

                await signal.WaitAsync(options.Value.IngestPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A failing pass (database restarting, say) must not stop the host; the lease lets
                // the next pass take the upload again.
                LogPassFailed(ex);
                await Task.Delay(options.Value.IngestPollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims and ingests one upload; false when none is waiting.</summary>
    internal async Task<bool> IngestNextAsync(CancellationToken ct)
    {
        Guid id;
        Guid tenantId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            var now = time.GetUtcNow().UtcDateTime;
            var next = await db.Set<ResourceUpload>().IgnoreQueryFilters().AsNoTracking()
                .Where(u => u.State == UploadState.Queued || (u.State == UploadState.Ingesting && u.ClaimedUntil < now))
                .OrderBy(u => u.CreatedAt).Select(u => new { u.Id, u.TenantId }).FirstOrDefaultAsync(ct);
            if (next is null)
            {
                return false;
            }

            var lease = now + options.Value.IngestLease;
            var claimed = await db.Set<ResourceUpload>().IgnoreQueryFilters()
                .Where(u => u.Id == next.Id && (u.State == UploadState.Queued || (u.State == UploadState.Ingesting && u.ClaimedUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.State, UploadState.Ingesting).SetProperty(u => u.ClaimedUntil, lease), ct);
            if (claimed == 0)
            {
                return true; // another node won it; look again
            }

            (id, tenantId) = (next.Id, next.TenantId);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct);
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.NameEn);
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAsSystem("opendata-ingest");
            await scope.ServiceProvider.GetRequiredService<UploadIngest>().RunAsync(id, ct);
        }

        return true;
    }

    /// <summary>Builds the value indexes of a passed table; false when none is waiting.</summary>
    internal async Task<bool> IndexNextAsync(CancellationToken ct)
    {
        IReadOnlyList<(Guid Upload, Guid Tenant)> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await ColumnIndex.PendingAsync(scope.ServiceProvider.GetRequiredService<MadoguchiDb>(), ct);
        }

        foreach (var (uploadId, tenantId) in pending)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct);
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.NameEn);
            scope.ServiceProvider.GetRequiredService<AuditActor>().ActAsSystem("opendata-index");
            if (await scope.ServiceProvider.GetRequiredService<ColumnIndex>().BuildNextAsync(uploadId, ct))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Open data ingest pass failed; retrying")]
    private partial void LogPassFailed(Exception ex);
}
