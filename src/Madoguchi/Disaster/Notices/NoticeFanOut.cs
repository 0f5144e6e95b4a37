using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Notices;

/// <summary>
/// Queues a notice for every active subscriber of its areas, per channel, in the transaction that
/// marks it Sending. One INSERT … SELECT per channel (so 100,000 subscribers queue in seconds);
/// the delivery table's key (notice, subscriber, channel) with ON CONFLICT DO NOTHING means a
/// repeat cannot queue anyone twice, and a subscriber of two target areas is queued once. The
/// select starts from the notice's areas and walks the (TenantId, AreaId) index of the
/// subscriptions: starting from the subscribers with an EXISTS took 18 s for 100,000 on SQLite.
/// </summary>
public sealed class NoticeFanOut(MadoguchiDb db)
{
    /// <summary>How many active subscribers the given areas reach (0 = the notice would reach nobody).</summary>
    public Task<int> ReachAsync(IReadOnlyCollection<Guid> areaIds, CancellationToken ct) =>
        db.Set<Subscriber>()
            .Where(s => s.ConfirmedAt != null && s.UnsubscribedAt == null
                && db.Set<SubscriberArea>().Any(a => a.SubscriberId == s.Id && areaIds.Contains(a.AreaId)))
            .CountAsync(ct);

    /// <summary>Inserts the delivery rows; call inside the caller's transaction. Returns the rows queued.</summary>
    public async Task<int> QueueAsync(Guid tenantId, Guid noticeId, DateTime now, CancellationToken ct)
    {
        var email = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DisasterNoticeDeliveries" ("NoticeId", "SubscriberId", "Channel", "TenantId", "Status", "Attempts", "NextAttemptAt")
            SELECT {noticeId}, s."Id", 'Email', s."TenantId", 'Queued', 0, {now}
            FROM "DisasterNoticeAreas" na
            JOIN "DisasterSubscriberAreas" sa ON sa."TenantId" = {tenantId} AND sa."AreaId" = na."AreaId"
            JOIN "DisasterSubscribers" s ON s."Id" = sa."SubscriberId"
            WHERE na."NoticeId" = {noticeId} AND s."ConfirmedAt" IS NOT NULL AND s."UnsubscribedAt" IS NULL AND s."ByEmail"
            ON CONFLICT DO NOTHING
            """, ct);
        var webhook = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "DisasterNoticeDeliveries" ("NoticeId", "SubscriberId", "Channel", "TenantId", "Status", "Attempts", "NextAttemptAt")
            SELECT {noticeId}, s."Id", 'Webhook', s."TenantId", 'Queued', 0, {now}
            FROM "DisasterNoticeAreas" na
            JOIN "DisasterSubscriberAreas" sa ON sa."TenantId" = {tenantId} AND sa."AreaId" = na."AreaId"
            JOIN "DisasterSubscribers" s ON s."Id" = sa."SubscriberId"
            WHERE na."NoticeId" = {noticeId} AND s."ConfirmedAt" IS NOT NULL AND s."UnsubscribedAt" IS NULL AND s."WebhookUrl" IS NOT NULL
            ON CONFLICT DO NOTHING
            """, ct);
        return email + webhook;
    }
}
