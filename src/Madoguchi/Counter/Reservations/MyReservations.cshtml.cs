using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Residents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// The signed-in resident's counter reservations in this municipality: coming ones first (with a
/// cancel button, so the mail's link is not the only way), then past ones. Only reservations made
/// while signed in are the account's; those booked with an e-mail link stay with that link.
/// </summary>
[Authorize(Policy = SignedInResident.Policy)]
public sealed class MyReservationsModel(MadoguchiDb db, Booking booking, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    private const int MaxShown = 200;

    public sealed record Row(Guid Id, string Service, DateTime StartsAt, string When, string Reference, ReservationStatus Status, int Version, bool Upcoming);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        var resident = SignedInResident.Id(User);
        var now = time.GetUtcNow().UtcDateTime;
        var reservations = await db.Set<Reservation>().AsNoTracking().Where(r => r.ResidentId == resident)
            .OrderByDescending(r => r.StartsAt).Take(MaxShown)
            .Select(r => new
            {
                r.Id, r.StartsAt, r.EndsAt, r.Reference, r.Status, r.Version,
                Service = db.Set<CounterService>().Where(s => s.Id == r.ServiceId).Select(s => s.Name).First(),
            })
            .ToListAsync(ct);
        var rows = reservations
            .Select(r => new Row(r.Id, r.Service, r.StartsAt, BookingMails.When(r.StartsAt, r.EndsAt), r.Reference, r.Status, r.Version, r.EndsAt > now))
            .ToList();
        Rows = [.. rows.Where(r => r.Upcoming).OrderBy(r => r.StartsAt), .. rows.Where(r => !r.Upcoming)];
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, int version, CancellationToken ct)
    {
        var resident = SignedInResident.Id(User);
        var reservation = await db.Set<Reservation>().SingleOrDefaultAsync(r => r.Id == id && r.ResidentId == resident, ct);
        if (reservation is null)
        {
            return NotFound();
        }

        var problem = reservation.Status == ReservationStatus.Booked && reservation.Version != version
            ? "この予約は別の画面で変更されました。もう一度確認してください。"
            : await booking.CancelAsync(reservation, "resident", ct);
        TempData["notice"] = l[problem ?? "予約を取り消しました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/account/reservations");
    }
}
