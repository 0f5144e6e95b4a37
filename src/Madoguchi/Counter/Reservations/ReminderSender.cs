using Madoguchi.Counter.Services;
using Madoguchi.Platform;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// Mails a reminder on the day before each booked reservation (Japan time). Safe on any number of
/// nodes: a reminder is claimed by one conditional UPDATE of <see cref="Reservation.ReminderQueuedAt"/>
/// inside the transaction that queues its mail, so exactly one node's UPDATE matches (as the mail
/// outbox claims its rows), and the mail is queued once.
/// </summary>
internal sealed class ReminderSender(IServiceScopeFactory scopes, IOptions<CounterOptions> options, TimeProvider time,
    ILogger<ReminderSender> logger) : PeriodicPass(time, logger)
{
    protected override TimeSpan Interval => options.Value.ReminderPollInterval;

    protected override bool Enabled => options.Value.Reminders;

    protected override Task<int> RunPassAsync(CancellationToken ct) => QueueDueAsync(ct);

    /// <summary>One pass: queues the reminders due now. Returns how many this node queued.</summary>
    internal async Task<int> QueueDueAsync(CancellationToken ct)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var tomorrow = SlotRules.TodayInJapan(now).AddDays(1);
        var from = Wareki.StartOfJapanDay(tomorrow);
        var to = Wareki.StartOfJapanDay(tomorrow.AddDays(1));
        List<(Guid Id, Guid TenantId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            due = (await db.Set<Reservation>().IgnoreQueryFilters().AsNoTracking()
                .Where(r => r.Status == ReservationStatus.Booked && r.ReminderQueuedAt == null && r.StartsAt >= from && r.StartsAt < to)
                .OrderBy(r => r.StartsAt).Select(r => new { r.Id, r.TenantId }).Take(500).ToListAsync(ct))
                .Select(r => (r.Id, r.TenantId)).ToList();
        }

        var queued = 0;
        foreach (var (id, tenantId) in due)
        {
            if (await QueueOneAsync(id, tenantId, now, ct))
            {
                queued++;
            }
        }

        return queued;
    }

    private async Task<bool> QueueOneAsync(Guid id, Guid tenantId, DateTime now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<AuditActor>().ActAsSystem("counter-reminder");
        var db = sp.GetRequiredService<MadoguchiDb>();
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, ct);
        sp.GetRequiredService<TenantContext>().Set(tenant.Id, tenant.Code, tenant.Name, tenant.NameEn);

        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Set<Reservation>()
            .Where(r => r.Id == id && r.Status == ReservationStatus.Booked && r.ReminderQueuedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReminderQueuedAt, now), ct);
        if (claimed == 0)
        {
            return false;
        }

        var reservation = await db.Set<Reservation>().AsNoTracking().SingleAsync(r => r.Id == id, ct);
        var service = await db.Set<CounterService>().AsNoTracking().SingleAsync(s => s.Id == reservation.ServiceId, ct);
        sp.GetRequiredService<BookingMails>().Reminder(reservation, service, tenant.Name);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

}
