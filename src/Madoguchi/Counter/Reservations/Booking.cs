using System.Security.Cryptography;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// Books, moves and cancels reservations. Every path takes or gives back a place of a slot with a
/// conditional UPDATE of its <see cref="SlotLoad"/> inside the transaction that writes the
/// reservation, so the database, not this process, decides who gets the last place.
/// </summary>
public sealed class Booking(MadoguchiDb db, TenantContext tenant, BookingMails mails, TimeProvider time)
{
    /// <summary>What the resident asked for; <paramref name="RequestKey"/> makes a repeat of the same request book once.</summary>
    public sealed record Request(Guid ServiceId, DateTime StartsAtUtc, string Name, string Email, Guid? ResidentId, string RequestKey);

    /// <param name="Token">The change/cancel link's token; null when the request had already booked (the link is in the first mail).</param>
    public sealed record Booked(Reservation Reservation, string? Token, bool AlreadyBooked);

    /// <summary>Returns the booking, or a refusal (a Japanese message key) when the slot cannot be booked.</summary>
    public async Task<(Booked? Booked, string? Refusal)> BookAsync(Request request, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Set<Reservation>().AsNoTracking().SingleOrDefaultAsync(r => r.RequestKey == request.RequestKey, ct);
            if (existing is not null)
            {
                return (new Booked(existing, null, AlreadyBooked: true), null);
            }

            var service = await db.Set<CounterService>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == request.ServiceId && s.Active && s.Reservable, ct);
            if (service is null)
            {
                return (null, "この窓口は予約を受け付けていません。");
            }

            var hours = await HoursAsync(service.Id, ct);
            var (slot, refusal) = SlotRules.Find(request.StartsAtUtc, service, hours, Now());
            if (slot is null)
            {
                return (null, refusal);
            }

            // A read first: once a slot is full, further attempts are refused without a write
            // transaction (the conditional UPDATE inside the transaction stays the real guard).
            var startsAt = slot.StartsAtUtc;
            var capacity = service.Capacity;
            if (await db.Set<SlotLoad>().AnyAsync(l => l.ServiceId == service.Id && l.StartsAt == startsAt && (l.Blocked || l.Booked >= capacity), ct))
            {
                return (null, "この時間枠は満員です。別の時間枠を選んでください。");
            }

            try
            {
                return await CommitAsync(request, service, slot, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same request committed concurrently (RequestKey) or a reference number collided: re-read.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(Booked?, string?)> CommitAsync(Request request, CounterService service, SlotRules.Slot slot, CancellationToken ct)
    {
        using var turn = await SqliteWriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await TakePlaceAsync(service, slot.StartsAtUtc, ct))
        {
            await transaction.RollbackAsync(ct);
            return (null, "この時間枠は満員です。別の時間枠を選んでください。");
        }

        var token = Reservation.NewToken();
        var reservation = new Reservation
        {
            TenantId = tenant.TenantId!.Value,
            ServiceId = service.Id,
            StartsAt = slot.StartsAtUtc,
            EndsAt = slot.EndsAtUtc,
            Name = request.Name.Trim(),
            Email = request.Email.Trim(),
            ResidentId = request.ResidentId,
            TokenHash = Reservation.Hash(token),
            RequestKey = request.RequestKey,
            Reference = NewReference(),
            CreatedAt = Now(),
        };
        db.Add(reservation);
        mails.Booked(reservation, service, token);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (new Booked(reservation, token, AlreadyBooked: false), null);
    }

    /// <summary>Moves a reservation to another slot of its service: the new place is taken before the old one is given back.</summary>
    public async Task<string?> MoveAsync(Reservation reservation, DateTime newStartUtc, string token, CancellationToken ct)
    {
        if (reservation.Status != ReservationStatus.Booked)
        {
            return "この予約は変更できません。";
        }

        if (reservation.StartsAt == newStartUtc)
        {
            return "今の予約と同じ時間枠です。";
        }

        var service = await db.Set<CounterService>().AsNoTracking().SingleAsync(s => s.Id == reservation.ServiceId, ct);
        var (slot, refusal) = SlotRules.Find(newStartUtc, service, await HoursAsync(service.Id, ct), Now());
        if (slot is null)
        {
            return refusal;
        }

        try
        {
            using var turn = await SqliteWriteGate.EnterAsync(db, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await TakePlaceAsync(service, slot.StartsAtUtc, ct))
            {
                await transaction.RollbackAsync(ct);
                return "この時間枠は満員です。別の時間枠を選んでください。";
            }

            await GiveBackPlaceAsync(reservation.ServiceId, reservation.StartsAt, ct);
            reservation.StartsAt = slot.StartsAtUtc;
            reservation.EndsAt = slot.EndsAtUtc;
            reservation.ReminderQueuedAt = null;
            mails.Moved(reservation, service, token);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another tab moved or cancelled it first; the rollback returned our place too.
            db.ChangeTracker.Clear();
            return "この予約は別の画面で変更されました。もう一度確認してください。";
        }
    }

    /// <summary>Cancels and gives the place back; a second cancel is told, never counted twice.</summary>
    /// <param name="by">"resident" or "staff"; staff cancellations are mailed with an apology.</param>
    public async Task<string?> CancelAsync(Reservation reservation, string by, CancellationToken ct)
    {
        if (reservation.Status == ReservationStatus.Cancelled)
        {
            return "この予約はすでに取り消されています。";
        }

        if (reservation.Status != ReservationStatus.Booked)
        {
            return "この予約は取り消せません。";
        }

        var service = await db.Set<CounterService>().AsNoTracking().SingleAsync(s => s.Id == reservation.ServiceId, ct);
        try
        {
            using var turn = await SqliteWriteGate.EnterAsync(db, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await GiveBackPlaceAsync(reservation.ServiceId, reservation.StartsAt, ct);
            reservation.Status = ReservationStatus.Cancelled;
            reservation.CancelledAt = Now();
            reservation.CancelledBy = by;
            mails.Cancelled(reservation, service, byStaff: by == "staff");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return "この予約はすでに取り消されています。";
        }
    }

    /// <summary>Takes one place if the slot has one and is not blocked; false when full or blocked.</summary>
    private async Task<bool> TakePlaceAsync(CounterService service, DateTime startsAt, CancellationToken ct)
    {
        var tenantId = tenant.TenantId!.Value;
        var id = Guid.CreateVersion7();
        // The row appears on the first booking of a slot; ON CONFLICT (SQLite 3.24+, PostgreSQL 9.5+)
        // lets two first bookings race without an error aborting the transaction.
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"CounterSlotLoads\" (\"Id\", \"TenantId\", \"ServiceId\", \"StartsAt\", \"Booked\", \"Blocked\") VALUES ({id}, {tenantId}, {service.Id}, {startsAt}, 0, {false}) ON CONFLICT (\"TenantId\", \"ServiceId\", \"StartsAt\") DO NOTHING", ct);
        var capacity = service.Capacity;
        var taken = await db.Set<SlotLoad>()
            .Where(s => s.ServiceId == service.Id && s.StartsAt == startsAt && !s.Blocked && s.Booked < capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked + 1), ct);
        return taken == 1;
    }

    private Task<int> GiveBackPlaceAsync(Guid serviceId, DateTime startsAt, CancellationToken ct) =>
        db.Set<SlotLoad>()
            .Where(s => s.ServiceId == serviceId && s.StartsAt == startsAt && s.Booked > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Booked, x => x.Booked - 1), ct);

    private async Task<List<CounterHours>> HoursAsync(Guid serviceId, CancellationToken ct) =>
        await db.Set<CounterHours>().AsNoTracking().Where(h => h.ServiceId == serviceId).ToListAsync(ct);

    // 8 digits: short enough to read out on the phone; the unique index catches the rare repeat.
    private static string NewReference() => "R" + RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
