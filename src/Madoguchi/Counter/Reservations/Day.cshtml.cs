using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Residents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// The free slots of one day and the booking form. A signed-in resident books at once (to their
/// verified address); anyone else gets a confirmation link by mail and books by opening it.
/// </summary>
[EnableRateLimiting(CounterModule.BookingRateLimit)]
public sealed class DayModel(MadoguchiDb db, Booking booking, EmailConfirmation confirmation, BookingMails mails,
    IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class BookingInput
    {
        public string? Start { get; set; }

        [Required(ErrorMessage = "お名前を入力してください。")]
        [StringLength(100, ErrorMessage = "お名前は100文字以内で入力してください。")]
        public string? Name { get; set; }

        [EmailAddress(ErrorMessage = "メールアドレスの形式が正しくありません。")]
        [StringLength(320, ErrorMessage = "メールアドレスが長すぎます。")]
        public string? Email { get; set; }

        public string RequestKey { get; set; } = Guid.NewGuid().ToString("N");
    }

    public sealed record ResidentView(Guid Id, string Name, string? VerifiedEmail);

    [BindProperty]
    public BookingInput Input { get; set; } = new();

    public CounterService Service { get; private set; } = null!;
    public DateOnly Date { get; private set; }
    public string DayLabel => CounterView.DayLabel(Date);
    public string? Closed { get; private set; }
    public IReadOnlyList<CounterView.SlotView> FreeSlots { get; private set; } = [];
    public ResidentView? Resident { get; private set; }
    public string? StartError => ModelState.TryGetValue("Input.Start", out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    private List<CounterHours> _hours = [];

    public async Task<IActionResult> OnGetAsync(string service, string date, CancellationToken ct)
    {
        if (!await LoadAsync(service, date, ct))
        {
            return NotFound();
        }

        Input.Name = Resident?.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string service, string date, CancellationToken ct)
    {
        if (!await LoadAsync(service, date, ct))
        {
            return NotFound();
        }

        if (Resident is null && string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", l["メールアドレスを入力してください。"]);
        }

        if (Resident is { VerifiedEmail: null })
        {
            ModelState.AddModelError("", l["確認済みのメールアドレスがありません。アカウントのページでメールアドレスを登録してください。"]);
        }

        DateTime? startsAt = null;
        if (string.IsNullOrEmpty(Input.Start))
        {
            ModelState.AddModelError("Input.Start", l["時間枠を選んでください。"]);
        }
        else if (!TimeOnly.TryParseExact(Input.Start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            ModelState.AddModelError("Input.Start", l["時間枠を選んでください。"]);
        }
        else if (Closed is not null)
        {
            ModelState.AddModelError("Input.Start", l[Closed]);
        }
        else
        {
            startsAt = Wareki.StartOfJapanDay(Date).Add(at.ToTimeSpan());
            var (_, refusal) = SlotRules.Find(startsAt.Value, Service, _hours, time.GetUtcNow().UtcDateTime);
            if (refusal is not null)
            {
                ModelState.AddModelError("Input.Start", l[refusal]);
            }
        }

        if (!ModelState.IsValid || startsAt is null)
        {
            return Page();
        }

        var name = Input.Name!.Trim();
        if (Resident is not null)
        {
            var (booked, refusal) = await booking.BookAsync(new Booking.Request(Service.Id, startsAt.Value, name, Resident.VerifiedEmail!, Resident.Id, "r:" + Input.RequestKey), ct);
            if (booked is null)
            {
                ModelState.AddModelError("Input.Start", l[refusal!]);
                await LoadAsync(Service.Code, date, ct);
                return Page();
            }

            if (booked.Token is not { } token)
            {
                // The same form posted twice (a double click): the first post booked.
                TempData["notice"] = l["この予約はすでに受け付けています。予約受付のメールをご確認ください。"].Value;
                return Redirect($"/{RouteData.Values["tenant"]}/counter");
            }

            TempData["notice"] = l["予約しました。確認のメールをお送りしました。"].Value;
            return Redirect($"/{RouteData.Values["tenant"]}/counter/reservations/{token}");
        }

        // Nothing is held yet: the slot is taken when the link is confirmed, and may be full by then.
        var slot = SlotRules.SlotsOn(Date, Service, _hours).Single(s => s.StartsAtUtc == startsAt.Value);
        var sealedToken = confirmation.Seal(new EmailConfirmation.Pending(Service.Id, startsAt.Value, name, Input.Email!.Trim()));
        mails.ConfirmationLink(Input.Email!.Trim(), Service, slot.StartsAtUtc, slot.EndsAtUtc, sealedToken);
        await db.SaveChangesAsync(ct);
        return Redirect($"/{RouteData.Values["tenant"]}/counter/mail-sent");
    }

    private async Task<bool> LoadAsync(string service, string date, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return false;
        }

        var (found, hours) = await CounterView.ServiceAsync(db, service, ct);
        if (found is null || !found.Reservable)
        {
            return false;
        }

        (Service, _hours, Date) = (found, hours, d);
        Closed = SlotRules.ClosedReason(d, hours);
        var now = time.GetUtcNow().UtcDateTime;
        if (Closed is null && d > SlotRules.TodayInJapan(now).AddDays(found.BookingDaysAhead))
        {
            Closed = "この日はまだ予約を受け付けていません。";
        }

        FreeSlots = Closed is null
            ? (await CounterView.SlotsAsync(db, found, hours, d, ct)).Where(s => s.Free > 0 && s.Slot.StartsAtUtc > now).ToList()
            : [];
        Resident = await ResidentAsync();
        return true;
    }

    private async Task<ResidentView?> ResidentAsync()
    {
        var policy = await policies.GetPolicyAsync(SignedInResident.Policy);
        if (policy is null)
        {
            return null;
        }

        // The evaluator replaces HttpContext.User with the policy's principal; this is only a look.
        var before = HttpContext.User;
        var authenticated = await evaluator.AuthenticateAsync(policy, HttpContext);
        var authorized = authenticated.Succeeded ? await evaluator.AuthorizeAsync(policy, authenticated, HttpContext, resource: null) : null;
        HttpContext.User = before;
        var user = authenticated.Principal;
        if (authorized is not { Succeeded: true } || user is null || SignedInResident.Id(user) is not { } id)
        {
            return null;
        }

        var profile = await HttpContext.RequestServices.GetRequiredService<IResidentProfiles>().FindAsync(id, HttpContext.RequestAborted);
        return profile is null ? null : new ResidentView(id, profile.Name, profile.VerifiedEmail);
    }
}
