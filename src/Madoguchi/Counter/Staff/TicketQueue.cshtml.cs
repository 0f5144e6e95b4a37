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
/// The queue of a service at one window: call the next number, recall, serve, complete, absent.
/// Each action posts the ticket's Version; a ticket another window already called is not called again.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class TicketQueueModel(MadoguchiDb db, TicketDesk desk, TimeProvider time, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Row(Guid Id, int Number, TicketStatus Status, string? Window, int Version, Guid? ReservationId,
        DateTime IssuedAt, DateTime? CalledAt, DateTime? CompletedAt);

    public sealed record Statistics(int Issued, int Waiting, double? AverageWaitMinutes, double? AverageServiceMinutes);

    /// <summary>The window this member of staff serves from; remembered in the form, not the account.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Window { get; set; }

    public CounterService Service { get; private set; } = null!;
    public IReadOnlyList<Row> Tickets { get; private set; } = [];
    public Statistics Stats { get; private set; } = new(0, 0, null, null);

    public static string StatusName(TicketStatus s) => s switch
    {
        TicketStatus.Waiting => "待ち",
        TicketStatus.Called => "呼出中",
        TicketStatus.Serving => "対応中",
        TicketStatus.Completed => "完了",
        _ => "不在",
    };

    public static IEnumerable<TicketDesk.TicketAction> ActionsFor(TicketStatus s) => s switch
    {
        TicketStatus.Waiting => [TicketDesk.TicketAction.Call],
        TicketStatus.Called => [TicketDesk.TicketAction.Recall, TicketDesk.TicketAction.Serve, TicketDesk.TicketAction.Complete, TicketDesk.TicketAction.Absent],
        TicketStatus.Serving => [TicketDesk.TicketAction.Complete],
        TicketStatus.Absent => [TicketDesk.TicketAction.Return],
        _ => [],
    };

    public static string ActionName(TicketDesk.TicketAction a) => a switch
    {
        TicketDesk.TicketAction.Call => "呼ぶ",
        TicketDesk.TicketAction.Recall => "再呼出",
        TicketDesk.TicketAction.Serve => "対応開始",
        TicketDesk.TicketAction.Complete => "完了",
        TicketDesk.TicketAction.Absent => "不在",
        _ => "待ちに戻す",
    };

    public async Task<IActionResult> OnGetAsync(string service, CancellationToken ct) =>
        await LoadAsync(service, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCallNextAsync(string service, CancellationToken ct)
    {
        if (!await LoadAsync(service, ct))
        {
            return NotFound();
        }

        if (!ValidWindow())
        {
            return Page();
        }

        var ticket = await desk.CallNextAsync(Service.Id, Window!.Trim(), ct);
        return Done(service, ticket is null ? l["待っている人はいません。"] : l["{0} 番を呼び出しました。", ticket.Number]);
    }

    public async Task<IActionResult> OnPostActAsync(string service, Guid ticketId, int version, TicketDesk.TicketAction action, CancellationToken ct)
    {
        if (!await LoadAsync(service, ct))
        {
            return NotFound();
        }

        if (action is TicketDesk.TicketAction.Call or TicketDesk.TicketAction.Recall && !ValidWindow())
        {
            return Page();
        }

        if (!await db.Set<QueueTicket>().AnyAsync(t => t.Id == ticketId && t.ServiceId == Service.Id, ct))
        {
            return NotFound();
        }

        var problem = await desk.ActAsync(ticketId, version, action, Window?.Trim(), ct);
        return Done(service, problem is null ? l["記録しました。"] : l[problem]);
    }

    private bool ValidWindow()
    {
        if (string.IsNullOrWhiteSpace(Window) || Window.Trim().Length > 20)
        {
            ModelState.AddModelError(nameof(Window), l["窓口番号を入力してください（20文字以内）。"]);
            return false;
        }

        return true;
    }

    private RedirectResult Done(string service, string notice)
    {
        TempData["notice"] = notice;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/counter/{service}/tickets?window={Uri.EscapeDataString(Window ?? "")}");
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var service = await CounterScope.ServiceAsync(db, User, code, ct);
        if (service is null)
        {
            return false;
        }

        Service = service;
        var today = SlotRules.TodayInJapan(time.GetUtcNow().UtcDateTime);
        Tickets = await db.Set<QueueTicket>().AsNoTracking().Where(t => t.ServiceId == service.Id && t.Day == today)
            .OrderBy(t => t.Number)
            .Select(t => new Row(t.Id, t.Number, t.Status, t.Window, t.Version, t.ReservationId, t.IssuedAt, t.CalledAt, t.CompletedAt))
            .ToListAsync(ct);
        var times = await db.Set<QueueTicket>().AsNoTracking().Where(t => t.ServiceId == service.Id && t.Day == today)
            .Select(t => new { t.IssuedAt, t.CalledAt, t.ServedAt, t.CompletedAt }).ToListAsync(ct);
        var waits = times.Where(t => t.CalledAt is not null).Select(t => (t.CalledAt!.Value - t.IssuedAt).TotalMinutes).ToList();
        var services = times.Where(t => t.ServedAt is not null && t.CompletedAt is not null).Select(t => (t.CompletedAt!.Value - t.ServedAt!.Value).TotalMinutes).ToList();
        Stats = new Statistics(times.Count, Tickets.Count(t => t.Status == TicketStatus.Waiting),
            waits.Count > 0 ? waits.Average() : null, services.Count > 0 ? services.Average() : null);
        return true;
    }
}

/// <summary>Japan-time clock for the queue table.</summary>
internal static class TicketTimes
{
    public static string ToLocal(this DateTime? utc) => utc is { } t ? Wareki.ToJapanTime(t).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string ToLocal(this DateTime utc) => ((DateTime?)utc).ToLocal();
}
