using Madoguchi.Disaster.Notices;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Subscriptions;

/// <summary>
/// Stops every notice to a subscriber: marks them unsubscribed (audited) and, in the same
/// transaction, turns their still-queued deliveries into Skipped, so a notice being sent right now
/// reaches them no further. The dispatcher also checks again right before each message.
/// </summary>
public sealed class Unsubscribing(MadoguchiDb db)
{
    public async Task UnsubscribeAsync(Subscriber subscriber, CancellationToken ct)
    {
        if (subscriber.UnsubscribedAt is not null)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        subscriber.UnsubscribedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        await db.Set<NoticeDelivery>()
            .Where(d => d.SubscriberId == subscriber.Id && d.Status == DeliveryStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Skipped), ct);
        await transaction.CommitAsync(ct);
    }
}
