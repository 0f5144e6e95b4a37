using Madoguchi.Platform;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Reports.Photos;

/// <summary>
/// Deletes photos that were uploaded on a report form that was never sent: after
/// <see cref="ReportsOptions.UnsentPhotoMaxAge"/> nobody can come back to that form, and keeping
/// pictures of a resident's street that nobody reported is keeping personal data without purpose.
/// </summary>
/// <remarks>
/// Safe on any number of nodes: each row goes with one conditional DELETE (still unsent, still old),
/// and only the node whose DELETE removed the row deletes the file. A report sent at that moment
/// loses the race cleanly: its photos are already gone, or the DELETE finds them attached.
/// </remarks>
internal sealed class UnsentPhotoCleanup(
    IServiceScopeFactory scopes,
    IOptions<ReportsOptions> options,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<UnsentPhotoCleanup> logger) : PeriodicPass(time, logger)
{
    private const int Batch = 500;

    protected override TimeSpan Interval => options.Value.PhotoCleanupInterval;

    protected override Task<int> RunPassAsync(CancellationToken ct) => DeleteExpiredAsync(ct);

    /// <summary>One pass: deletes every unsent photo older than the limit. Returns how many this node deleted.</summary>
    internal async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
        var cutoff = Time.GetUtcNow().UtcDateTime - options.Value.UnsentPhotoMaxAge;
        var dataDirectory = DataDirectory.Resolve(configuration, environment);
        var deleted = 0;
        while (true)
        {
            var expired = await db.Set<ReportPhoto>().IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.ReportId == null && p.CreatedAt < cutoff)
                .OrderBy(p => p.CreatedAt)
                .Select(p => new { p.Id, p.TenantId })
                .Take(Batch)
                .ToListAsync(ct);
            var mine = 0;
            foreach (var photo in expired)
            {
                var removed = await db.Set<ReportPhoto>().IgnoreQueryFilters()
                    .Where(p => p.Id == photo.Id && p.ReportId == null && p.CreatedAt < cutoff)
                    .ExecuteDeleteAsync(ct);
                if (removed == 1)
                {
                    File.Delete(PhotoStore.FileOf(dataDirectory, photo.TenantId, photo.Id));
                    mine++;
                }
            }

            deleted += mine;
            if (expired.Count < Batch)
            {
                break;
            }
        }

        return deleted;
    }
}
