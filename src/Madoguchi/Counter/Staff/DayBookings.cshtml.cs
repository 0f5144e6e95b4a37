using System.Globalization;
using Madoguchi.Counter.Reservations;
using Madoguchi.Counter.Services;
using Madoguchi.Counter.Tickets;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Staff;

/// <summary>
/// A day of a service at the counter: each slot's bookings; mark arrival (which draws the visitor's
/// numbered ticket) or no-show; stop a slot. Stopping a slot with bookings requires saying what
/// happens to them: they are cancelled and each resident is mailed, or the slot stays open.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class DayBookingsModel(MadoguchiDb db, Booking booking, TicketDesk desk, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, string Reference, string Name, ReservationStatus Status, int Version, int? TicketNumber);

    public sealed record SlotRow(CounterView.SlotView View, IReadOnlyList<Row> Reservations);

    public CounterService Service { get; private set; } = null!;
    public DateOnly Date { get; private set; }
    public string DayLabel => CounterView.DayLabel(Date);
    public string? Closed { get; private set; }
    public IReadOnlyList<SlotRow> Slots { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string service, string? date, CancellationToken ct) =>
        await LoadAsync(service, date, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostArrivedAsync(string service, string? date, Guid reservationId, int version, CancellationToken ct)
    {
        if (!await LoadAsync(service, date, ct))
        {
            return NotFound();
        }

        var r = await db.Set<Reservation>().SingleOrDefaultAsync(x => x.Id == reservationId && x.ServiceId == Service.Id, ct);
        if (r is null)
        {
            return NotFound();
        }

        if (r.Version != version || r.Status != ReservationStatus.Booked)
        {
            return Done(service, l["この予約は別の職員がすでに操作しました。画面を更新しました。"]);
        }

        r.Status = ReservationStatus.Arrived;
        r.ArrivedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Done(service, l["この予約は別の職員がすでに操作しました。画面を更新しました。"]);
        }

        var (ticket, _) = await desk.IssueAsync(Service.Id, r.Id, ct);
        return Done(service, ticket is null ? l["到着を記録しました。"] : l["到着を記録しました。番号札は {0} 番です。", ticket.Number]);
    }

    public async Task<IActionResult> OnPostNoShowAsync(string service, string? date, Guid reservationId, int version, CancellationToken ct)
    {
        if (!await LoadAsync(service, date, ct))
        {
            return NotFound();
        }

        var r = await db.Set<Reservation>().SingleOrDefaultAsync(x => x.Id == reservationId && x.ServiceId == Service.Id, ct);
        if (r is null)
        {
            return NotFound();
        }

        if (r.Version != version || r.Status != ReservationStatus.Booked)
        {
            return Done(service, l["この予約は別の職員がすでに操作しました。画面を更新しました。"]);
        }

        r.Status = ReservationStatus.NoShow;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Done(service, l["この予約は別の職員がすでに操作しました。画面を更新しました。"]);
        }

        return Done(service, l["来庁なしとして記録しました。"]);
    }

    public async Task<IActionResult> OnPostBlockAsync(string service, string? date, string? start, bool cancelBookings, CancellationToken ct)
    {
        if (!await LoadAsync(service, date, ct))
        {
            return NotFound();
        }

        var slot = SlotOf(start);
        if (slot is null)
        {
            return NotFound();
        }

        var booked = Slots.Single(s => s.View.Slot == slot.View.Slot).Reservations.Where(r => r.Status == ReservationStatus.Booked).ToList();
        if (booked.Count > 0 && !cancelBookings)
        {
            ModelState.AddModelError("", l["この枠には予約があります。受付を止めるには「この枠の予約を取り消し、予約者にメールで知らせる」を選んでください。"]);
            return Page();
        }

        var startsAt = slot.View.Slot.StartsAtUtc;
        await EnsureLoadRowAsync(startsAt, ct);
        var load = await db.Set<SlotLoad>().SingleAsync(x => x.ServiceId == Service.Id && x.StartsAt == startsAt, ct);
        load.Blocked = true;
        await db.SaveChangesAsync(ct);

        // Blocked first, so no new booking slips in while the existing ones are cancelled one by one.
        foreach (var row in booked)
        {
            var reservation = await db.Set<Reservation>().SingleAsync(x => x.Id == row.Id, ct);
            await booking.CancelAsync(reservation, "staff", ct);
        }

        return Done(service, booked.Count > 0
            ? l["この枠の受付を止め、{0} 件の予約を取り消してお知らせしました。", booked.Count]
            : l["この枠の受付を止めました。"]);
    }

    public async Task<IActionResult> OnPostUnblockAsync(string service, string? date, string? start, CancellationToken ct)
    {
        if (!await LoadAsync(service, date, ct) || SlotOf(start) is not { } slot)
        {
            return NotFound();
        }

        var startsAt = slot.View.Slot.StartsAtUtc;
        var load = await db.Set<SlotLoad>().SingleOrDefaultAsync(x => x.ServiceId == Service.Id && x.StartsAt == startsAt, ct);
        if (load is { Blocked: true })
        {
            load.Blocked = false;
            await db.SaveChangesAsync(ct);
        }

        return Done(service, l["この枠の受付を再開しました。"]);
    }

    private SlotRow? SlotOf(string? start) =>
        TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? Slots.FirstOrDefault(s => s.View.Slot.LocalStart == at)
            : null;

    private async Task EnsureLoadRowAsync(DateTime startsAt, CancellationToken ct)
    {
        if (!await db.Set<SlotLoad>().AnyAsync(x => x.ServiceId == Service.Id && x.StartsAt == startsAt, ct))
        {
            db.Add(new SlotLoad { ServiceId = Service.Id, StartsAt = startsAt });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // A booking created the row a moment earlier; use that one.
                db.ChangeTracker.Clear();
            }
        }
    }

    private RedirectResult Done(string service, string notice)
    {
        TempData["notice"] = notice;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/counter/{service}/reservations?date={Date:yyyy-MM-dd}");
    }

    private async Task<bool> LoadAsync(string code, string? date, CancellationToken ct)
    {
        var service = await CounterScope.ServiceAsync(db, User, code, ct);
        if (service is null)
        {
            return false;
        }

        Service = service;
        Date = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : SlotRules.TodayInJapan(time.GetUtcNow().UtcDateTime);
        var hours = await db.Set<CounterHours>().AsNoTracking().Where(h => h.ServiceId == service.Id).ToListAsync(ct);
        Closed = SlotRules.ClosedReason(Date, hours);
        var views = await CounterView.SlotsAsync(db, service, hours, Date, ct);
        var from = Wareki.StartOfJapanDay(Date);
        var to = Wareki.StartOfJapanDay(Date.AddDays(1));
        var reservations = await db.Set<Reservation>().AsNoTracking()
            .Where(r => r.ServiceId == service.Id && r.StartsAt >= from && r.StartsAt < to)
            .OrderBy(r => r.StartsAt).ThenBy(r => r.CreatedAt)
            .Select(r => new { Row = new Row(r.Id, r.Reference, r.Name, r.Status, r.Version,
                db.Set<QueueTicket>().Where(t => t.ReservationId == r.Id).Select(t => (int?)t.Number).FirstOrDefault()), r.StartsAt })
            .ToListAsync(ct);
        Slots = views.Select(v => new SlotRow(v, reservations.Where(r => r.StartsAt == v.Slot.StartsAtUtc).Select(r => r.Row).ToList())).ToList();
        return true;
    }
}
