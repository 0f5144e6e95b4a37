using System.Globalization;
using System.Text;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// The reservation behind the link in the resident's mail: the details, the .ics, a change of time,
/// cancellation. The token is random (192 bits) and stored only as a hash, so a forged or guessed
/// link finds nothing; a second cancel is told that the reservation is already cancelled.
/// </summary>
public sealed class ManageModel(MadoguchiDb db, Booking booking, BookingMails mails, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public Reservation Reservation { get; private set; } = null!;
    public CounterService Service { get; private set; } = null!;
    public string Token { get; private set; } = "";
    public string? Notice { get; private set; }
    public string When => BookingMails.When(Reservation.StartsAt, Reservation.EndsAt);
    public DateOnly? ChangeDate { get; private set; }
    public string? ChangeClosed { get; private set; }
    public IReadOnlyList<CounterView.SlotView> ChangeSlots { get; private set; } = [];

    public static string StatusName(ReservationStatus s) => s switch
    {
        ReservationStatus.Booked => "予約済み",
        ReservationStatus.Arrived => "来庁済み",
        ReservationStatus.NoShow => "来庁なし",
        _ => "取消済み",
    };

    public async Task<IActionResult> OnGetAsync(string token, string? date, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        Notice = TempData["notice"] as string;
        await LoadChangeAsync(date, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetIcsAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        var ics = mails.Ics(Reservation, Service, token, Reservation.Status == ReservationStatus.Cancelled, Reservation.Version);
        return File(Encoding.UTF8.GetBytes(ics), ICalendarInvitation.ContentType, "reservation.ics");
    }

    public async Task<IActionResult> OnPostCancelAsync(string token, int version, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        var problem = Reservation.Status == ReservationStatus.Booked && Reservation.Version != version
            ? "この予約は別の画面で変更されました。もう一度確認してください。"
            : await booking.CancelAsync(Reservation, "resident", ct);
        if (problem is not null)
        {
            TempData["notice"] = l[problem].Value;
            return Redirect(Self(token));
        }

        TempData["notice"] = l["予約を取り消しました。"].Value;
        return Redirect(Self(token));
    }

    public async Task<IActionResult> OnPostMoveAsync(string token, string? date, string? start, int version, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        await LoadChangeAsync(date, ct);
        if (ChangeDate is null || !TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            ModelState.AddModelError("", l["新しい時間枠を選んでください。"]);
            return Page();
        }

        if (Reservation.Version != version)
        {
            ModelState.AddModelError("", l["この予約は別の画面で変更されました。もう一度確認してください。"]);
            return Page();
        }

        var problem = await booking.MoveAsync(Reservation, Wareki.StartOfJapanDay(ChangeDate.Value).Add(at.ToTimeSpan()), token, ct);
        if (problem is not null)
        {
            ModelState.AddModelError("", l[problem]);
            await LoadAsync(token, ct);
            await LoadChangeAsync(date, ct);
            return Page();
        }

        TempData["notice"] = l["予約の日時を変更しました。新しい .ics ファイルをメールでお送りしました。"].Value;
        return Redirect(Self(token));
    }

    private string Self(string token) => $"/{RouteData.Values["tenant"]}/counter/reservations/{token}";

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }

        var hash = Reservation.Hash(token);
        var reservation = await db.Set<Reservation>().SingleOrDefaultAsync(r => r.TokenHash == hash, ct);
        if (reservation is null)
        {
            return false;
        }

        (Reservation, Token) = (reservation, token);
        Service = await db.Set<CounterService>().AsNoTracking().SingleAsync(s => s.Id == reservation.ServiceId, ct);
        return true;
    }

    private async Task LoadChangeAsync(string? date, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return;
        }

        ChangeDate = d;
        var hours = await db.Set<CounterHours>().AsNoTracking().Where(h => h.ServiceId == Service.Id).ToListAsync(ct);
        ChangeClosed = SlotRules.ClosedReason(d, hours);
        var now = time.GetUtcNow().UtcDateTime;
        if (ChangeClosed is null)
        {
            ChangeSlots = (await CounterView.SlotsAsync(db, Service, hours, d, ct))
                .Where(s => s.Free > 0 && s.Slot.StartsAtUtc > now && s.Slot.StartsAtUtc != Reservation.StartsAt).ToList();
        }
    }
}
