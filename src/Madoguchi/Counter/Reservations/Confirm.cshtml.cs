using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// The link mailed to a resident booking with an e-mail address. Opening it changes nothing (mail
/// scanners open links); the button books. The link books once however often it is posted.
/// </summary>
public sealed class ConfirmModel(MadoguchiDb db, EmailConfirmation confirmation, Booking booking, IStringLocalizer<SharedResource> l) : PageModel
{
    public EmailConfirmation.Pending? Pending { get; private set; }
    public bool AlreadyBooked { get; private set; }
    public string ServiceName { get; private set; } = "";
    public string When { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        return Pending is null ? NotFoundPage() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        await LoadAsync(token, ct);
        if (Pending is null)
        {
            return NotFoundPage();
        }

        var (booked, refusal) = await booking.BookAsync(new Booking.Request(Pending.ServiceId, Pending.StartsAtUtc, Pending.Name, Pending.Email, null,
            "m:" + EmailConfirmation.RequestKeyOf(token)), ct);
        if (booked is null)
        {
            ModelState.AddModelError("", l[refusal!]);
            return Page();
        }

        if (booked.Token is not { } manage)
        {
            AlreadyBooked = true;
            return Page();
        }

        TempData["notice"] = l["予約しました。確認のメールをお送りしました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/counter/reservations/{manage}");
    }

    private async Task LoadAsync(string token, CancellationToken ct)
    {
        Pending = confirmation.Open(token ?? "");
        if (Pending is null)
        {
            return;
        }

        var service = await db.Set<CounterService>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == Pending.ServiceId, ct);
        if (service is null)
        {
            Pending = null;
            return;
        }

        ServiceName = service.Name;
        var key = "m:" + EmailConfirmation.RequestKeyOf(token!);
        var existing = await db.Set<Reservation>().AsNoTracking().Where(r => r.RequestKey == key).Select(r => new { r.StartsAt, r.EndsAt }).SingleOrDefaultAsync(ct);
        AlreadyBooked = existing is not null;
        When = BookingMails.When(Pending.StartsAtUtc, Pending.StartsAtUtc.AddMinutes(service.SlotMinutes));
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
