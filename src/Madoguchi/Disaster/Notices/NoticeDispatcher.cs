using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Disaster.Subscriptions.Channels;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Disaster.Notices;

/// <summary>
/// Delivers queued notices. Any number of nodes run it against one database: a batch is claimed
/// with one conditional UPDATE (on PostgreSQL its candidate rows are picked FOR UPDATE SKIP LOCKED,
/// so nodes take different rows instead of queueing on the same ones), stamped with this pass's
/// token and a lease. A node that dies leaves its claimed rows to be taken over when the lease
/// ends; rows it had already recorded as Sent are never taken again. Right before each message the
/// subscriber is checked again, so someone who unsubscribed while the notice was going out gets
/// nothing more.
/// </summary>
internal sealed partial class NoticeDispatcher(
    IServiceScopeFactory scopes,
    IEnumerable<INoticeChannel> channels,
    DisasterLinks links,
    IOptions<DisasterOptions> options,
    ILogger<NoticeDispatcher> logger) : BackgroundService
{
    private const int ErrorLength = 2000;
    private readonly DisasterOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.PollInterval);
        do
        {
            try
            {
                int claimed;
                do
                {
                    claimed = await DispatchOnceAsync(stoppingToken);
                }
                while (claimed >= _options.BatchSize && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failing pass (database restarting) must not stop the host; the next tick tries again.
                LogPassFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: claims a batch and delivers it. Returns how many rows this node claimed.</summary>
    internal async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
        var token = Guid.NewGuid();
        var now = DateTime.UtcNow;
        var emailAvailable = channels.Any(c => c.Kind == DeliveryChannel.Email && c.Available);
        var claimed = await ClaimAsync(db, token, now, emailAvailable, ct);
        if (claimed == 0)
        {
            return 0;
        }

        var rows = await (
            from d in db.Set<NoticeDelivery>().IgnoreQueryFilters()
            join s in db.Set<Subscriber>().IgnoreQueryFilters() on d.SubscriberId equals s.Id
            where d.ClaimToken == token
            select new { d.NoticeId, d.SubscriberId, d.Channel, d.Attempts, s.Email, s.WebhookUrl, s.WebhookSecret, s.Language })
            .ToListAsync(ct);
        var notices = await LoadNoticesAsync(db, rows.Select(r => r.NoticeId).Distinct().ToList(), ct);

        var sessions = new Dictionary<DeliveryChannel, IChannelSession>();
        try
        {
            foreach (var row in rows)
            {
                if (ct.IsCancellationRequested)
                {
                    // Shutting down: the rest of the batch stays claimed until its lease ends, then another node sends it.
                    break;
                }

                var stillSubscribed = await db.Set<Subscriber>().IgnoreQueryFilters()
                    .AnyAsync(s => s.Id == row.SubscriberId && s.UnsubscribedAt == null, CancellationToken.None);
                if (!stillSubscribed)
                {
                    await RecordAsync(db, row.NoticeId, row.SubscriberId, row.Channel, token, DeliveryStatus.Skipped, row.Attempts, null, CancellationToken.None);
                    continue;
                }

                var (notice, tenantCode, tenantName, areas) = notices[row.NoticeId];
                var unsubscribe = links.Unsubscribe(notice.LinkBase, tenantCode, row.SubscriberId);
                var text = NoticeText.Message(notice, tenantName, areas, row.Language, unsubscribe, out var fellBack);
                var message = new ChannelMessage(notice.Id, row.SubscriberId, tenantCode, tenantName, row.Email, row.WebhookUrl, row.WebhookSecret,
                    row.Language, fellBack, notice.Level.ToString(), NoticeText.Label(notice.Level, row.Language),
                    NoticeText.Subject(notice, tenantName, row.Language), text, areas, notice.SentAt ?? notice.CreatedAt, unsubscribe);

                if (!sessions.TryGetValue(row.Channel, out var session))
                {
                    session = await channels.First(c => c.Kind == row.Channel).OpenAsync(CancellationToken.None);
                    sessions[row.Channel] = session;
                }

                // Not cancelled by shutdown: a message half-sent and unrecorded is the one that could go out twice.
                // The channel's own timeout bounds it, well inside the lease.
                var failure = await session.SendAsync(message, CancellationToken.None);
                // Recorded even during shutdown: a delivered message not marked Sent would go out again.
                await RecordAsync(db, row.NoticeId, row.SubscriberId, row.Channel, token,
                    failure is null ? DeliveryStatus.Sent : DeliveryStatus.Queued, row.Attempts, failure, CancellationToken.None);
            }
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                await session.DisposeAsync();
            }
        }

        return claimed;
    }

    private Task<int> ClaimAsync(MadoguchiDb db, Guid token, DateTime now, bool emailAvailable, CancellationToken ct)
    {
        var until = now + _options.Lease;
        var batch = _options.BatchSize;
        return db.Database.IsNpgsql()
            ? db.Database.ExecuteSqlAsync($"""
                UPDATE "DisasterNoticeDeliveries" SET "ClaimToken" = {token}, "ClaimedUntil" = {until}
                WHERE ("NoticeId", "SubscriberId", "Channel") IN (
                    SELECT "NoticeId", "SubscriberId", "Channel" FROM "DisasterNoticeDeliveries"
                    WHERE "Status" = 'Queued' AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                      AND ("Channel" <> 'Email' OR {emailAvailable})
                    ORDER BY "NextAttemptAt" LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                """, ct)
            // SQLite serialises writers, so the second claimer's WHERE already sees the first claim.
            : db.Database.ExecuteSqlAsync($"""
                UPDATE "DisasterNoticeDeliveries" SET "ClaimToken" = {token}, "ClaimedUntil" = {until}
                WHERE ("NoticeId", "SubscriberId", "Channel") IN (
                    SELECT "NoticeId", "SubscriberId", "Channel" FROM "DisasterNoticeDeliveries"
                    WHERE "Status" = 'Queued' AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                      AND ("Channel" <> 'Email' OR {emailAvailable})
                    ORDER BY "NextAttemptAt" LIMIT {batch})
                  AND "Status" = 'Queued' AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {now})
                """, ct);
    }

    private static async Task<Dictionary<Guid, (Notice Notice, string Code, string Name, IReadOnlyList<string> Areas)>> LoadNoticesAsync(
        MadoguchiDb db, List<Guid> ids, CancellationToken ct)
    {
        var notices = await db.Set<Notice>().IgnoreQueryFilters().AsNoTracking().Where(n => ids.Contains(n.Id)).ToListAsync(ct);
        var tenantIds = notices.Select(n => n.TenantId).Distinct().ToList();
        var tenants = await db.Tenants.Where(t => tenantIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => (t.Code, t.Name), ct);
        var areas = await (
            from na in db.Set<NoticeArea>().IgnoreQueryFilters()
            join a in db.Set<DisasterArea>().IgnoreQueryFilters() on na.AreaId equals a.Id
            where ids.Contains(na.NoticeId)
            orderby a.SortOrder, a.Name
            select new { na.NoticeId, a.Name }).ToListAsync(ct);
        return notices.ToDictionary(n => n.Id, n => (n, tenants[n.TenantId].Code, tenants[n.TenantId].Name,
            (IReadOnlyList<string>)areas.Where(a => a.NoticeId == n.Id).Select(a => a.Name).ToList()));
    }

    /// <summary>Writes one outcome, only while the row is still this pass's (a node whose lease ran out must not overwrite the next one's work).</summary>
    private async Task RecordAsync(MadoguchiDb db, Guid noticeId, Guid subscriberId, DeliveryChannel channel, Guid token,
        DeliveryStatus status, int attempts, ChannelFailure? failure, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var tried = status is DeliveryStatus.Sent or DeliveryStatus.Queued ? attempts + 1 : attempts;
        if (failure is not null && (failure.Permanent || tried >= _options.MaxAttempts))
        {
            status = DeliveryStatus.Failed;
        }

        var next = failure is null ? now : now + Backoff(tried);
        var error = failure?.Error is { Length: > ErrorLength } tooLong ? tooLong[..ErrorLength] : failure?.Error;
        DateTime? sentAt = status == DeliveryStatus.Sent ? now : null;
        var rows = await db.Set<NoticeDelivery>().IgnoreQueryFilters()
            .Where(d => d.NoticeId == noticeId && d.SubscriberId == subscriberId && d.Channel == channel && d.ClaimToken == token)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, tried)
                .SetProperty(d => d.SentAt, sentAt)
                .SetProperty(d => d.LastError, error)
                .SetProperty(d => d.NextAttemptAt, next)
                .SetProperty(d => d.ClaimToken, (Guid?)null)
                .SetProperty(d => d.ClaimedUntil, (DateTime?)null), ct);
        if (rows == 0)
        {
            LogLeaseLost(noticeId, subscriberId);
        }
    }

    private static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(600, 10 * Math.Pow(2, Math.Max(0, attempts - 1))));

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the notice dispatcher failed; the next pass tries again.")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease on delivery {NoticeId}/{SubscriberId} ran out before its outcome was recorded; another pass owns it.")]
    private partial void LogLeaseLost(Guid noticeId, Guid subscriberId);
}
