using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Tickets;

/// <summary>
/// Issues numbered tickets and moves them through the counter. Numbers come from
/// <see cref="TicketCounter"/> inside the ticket's transaction (no gaps, no repeats, however many
/// kiosks draw at once); every call and completion posts the ticket's Version, so of two staff
/// acting on one ticket the second is told instead of calling it again.
/// </summary>
public sealed class TicketDesk(MadoguchiDb db, TenantContext tenant, TimeProvider time)
{
    public async Task<(QueueTicket? Ticket, string? Refusal)> IssueAsync(Guid serviceId, Guid? reservationId, CancellationToken ct)
    {
        var service = await db.Set<CounterService>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.Active, ct);
        if (service is null)
        {
            return (null, "この窓口では番号札を発行していません。");
        }

        var now = Now();
        var today = SlotRules.TodayInJapan(now);
        for (var attempt = 1; ; attempt++)
        {
            if (reservationId is { } rid && await db.Set<QueueTicket>().AsNoTracking().SingleOrDefaultAsync(t => t.ReservationId == rid, ct) is { } issued)
            {
                return (issued, null);
            }

            try
            {
                using var turn = await SqliteWriteGate.EnterAsync(db, ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var number = await NextNumberAsync(serviceId, today, ct);
                var ticket = new QueueTicket
                {
                    TenantId = tenant.TenantId!.Value, ServiceId = serviceId, Day = today, Number = number,
                    IssuedAt = now, ReservationId = reservationId, Token = QueueTicket.NewToken(),
                };
                db.Add(ticket);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return (ticket, null);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two first tickets of the day raced to create the counter row, or one reservation's
                // arrival was posted twice: the rollback returned the number; try again and re-read.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<int> NextNumberAsync(Guid serviceId, DateOnly day, CancellationToken ct)
    {
        var tenantId = tenant.TenantId!.Value;
        var id = Guid.CreateVersion7();
        // The day's counter row appears with its first ticket; ON CONFLICT lets many first tickets
        // race without an error aborting their transactions (on PostgreSQL an error would).
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"CounterTicketCounters\" (\"Id\", \"TenantId\", \"ServiceId\", \"Day\", \"Last\") VALUES ({id}, {tenantId}, {serviceId}, {day}, 0) ON CONFLICT (\"TenantId\", \"ServiceId\", \"Day\") DO NOTHING", ct);
        // As the 到達番号: UPDATE … RETURNING holds the row (PostgreSQL) or the write lock (SQLite)
        // until commit, so two tickets never get one number, and a rollback returns the number.
        var next = await db.Database.SqlQuery<int>(
                $"UPDATE \"CounterTicketCounters\" SET \"Last\" = \"Last\" + 1 WHERE \"TenantId\" = {tenantId} AND \"ServiceId\" = {serviceId} AND \"Day\" = {day} RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(ct);
        return next.Single();
    }

    /// <summary>Calls the lowest waiting number to a window; null when nobody waits.</summary>
    public async Task<QueueTicket?> CallNextAsync(Guid serviceId, string window, CancellationToken ct)
    {
        var today = SlotRules.TodayInJapan(Now());
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var ticket = await db.Set<QueueTicket>()
                .Where(t => t.ServiceId == serviceId && t.Day == today && t.Status == TicketStatus.Waiting)
                .OrderBy(t => t.Number).FirstOrDefaultAsync(ct);
            if (ticket is null)
            {
                return null;
            }

            if (await ApplyAsync(ticket, TicketAction.Call, window, ct) is null)
            {
                return ticket;
            }

            // Another window called that number a moment earlier: take the next one.
            db.ChangeTracker.Clear();
        }

        return null;
    }

    public enum TicketAction { Call, Recall, Serve, Complete, Absent, Return }

    /// <summary>Acts on a ticket whose Version the caller showed; a refusal (Japanese message key) when it has moved on.</summary>
    public async Task<string?> ActAsync(Guid ticketId, int version, TicketAction action, string? window, CancellationToken ct)
    {
        var ticket = await db.Set<QueueTicket>().SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null)
        {
            return "番号札が見つかりません。";
        }

        if (ticket.Version != version)
        {
            return "この番号札は別の職員がすでに操作しました。画面を更新しました。";
        }

        return await ApplyAsync(ticket, action, window, ct);
    }

    private async Task<string?> ApplyAsync(QueueTicket ticket, TicketAction action, string? window, CancellationToken ct)
    {
        var now = Now();
        switch (action, ticket.Status)
        {
            case (TicketAction.Call, TicketStatus.Waiting):
                ticket.Status = TicketStatus.Called;
                ticket.CalledAt = now;
                ticket.Window = window;
                ticket.CallCount = 1;
                break;
            case (TicketAction.Recall, TicketStatus.Called):
                ticket.CallCount++;
                ticket.Window = window ?? ticket.Window;
                break;
            case (TicketAction.Serve, TicketStatus.Called):
                ticket.Status = TicketStatus.Serving;
                ticket.ServedAt = now;
                break;
            case (TicketAction.Complete, TicketStatus.Serving):
            case (TicketAction.Complete, TicketStatus.Called):
                ticket.ServedAt ??= now;
                ticket.Status = TicketStatus.Completed;
                ticket.CompletedAt = now;
                break;
            case (TicketAction.Absent, TicketStatus.Called):
                ticket.Status = TicketStatus.Absent;
                break;
            case (TicketAction.Return, TicketStatus.Absent):
                // The visitor came back after being marked absent: back to the queue, keeping the number.
                ticket.Status = TicketStatus.Waiting;
                break;
            case (TicketAction.Call, _):
                return "この番号はすでに呼び出されています。";
            default:
                return "この番号札には今その操作はできません。";
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "この番号札は別の職員がすでに操作しました。画面を更新しました。";
        }
    }

    /// <summary>Position in the queue and the estimated wait for a waiting ticket.</summary>
    public sealed record Progress(int Ahead, int EstimatedMinutes);

    public async Task<Progress> ProgressOfAsync(QueueTicket ticket, CancellationToken ct)
    {
        var ahead = await db.Set<QueueTicket>().CountAsync(t => t.ServiceId == ticket.ServiceId && t.Day == ticket.Day
            && t.Status == TicketStatus.Waiting && t.Number < ticket.Number, ct);
        var minutes = await MinutesPerVisitorAsync(ticket.ServiceId, ticket.Day, ct);
        var windows = Math.Max(1, await ActiveWindowsAsync(ticket.ServiceId, ticket.Day, ct));
        return new Progress(ahead, (int)Math.Ceiling((ahead + 1) * minutes / windows));
    }

    /// <summary>Average service time of the day's completed visits; the slot length until there are some.</summary>
    public async Task<double> MinutesPerVisitorAsync(Guid serviceId, DateOnly day, CancellationToken ct)
    {
        var done = await db.Set<QueueTicket>().AsNoTracking()
            .Where(t => t.ServiceId == serviceId && t.Day == day && t.Status == TicketStatus.Completed && t.ServedAt != null && t.CompletedAt != null)
            .OrderByDescending(t => t.CompletedAt).Take(20)
            .Select(t => new { t.ServedAt, t.CompletedAt }).ToListAsync(ct);
        if (done.Count == 0)
        {
            return await db.Set<CounterService>().Where(s => s.Id == serviceId).Select(s => (double)s.SlotMinutes).SingleAsync(ct);
        }

        return Math.Max(1, done.Average(d => (d.CompletedAt!.Value - d.ServedAt!.Value).TotalMinutes));
    }

    private async Task<int> ActiveWindowsAsync(Guid serviceId, DateOnly day, CancellationToken ct) =>
        await db.Set<QueueTicket>().Where(t => t.ServiceId == serviceId && t.Day == day && t.Window != null)
            .Select(t => t.Window).Distinct().CountAsync(ct);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
