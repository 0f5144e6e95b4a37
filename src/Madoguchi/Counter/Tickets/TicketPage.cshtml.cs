using Madoguchi.Counter.Reservations;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Madoguchi.Counter.Tickets;

/// <summary>
/// The ticket as shown at the kiosk and, through its QR code, on the visitor's phone: the number,
/// how many are ahead and the estimated wait. Without JavaScript it refreshes itself.
/// </summary>
public sealed class TicketPageModel(MadoguchiDb db, TicketDesk desk, CounterLinks links, IStringLocalizer<SharedResource> l) : PageModel
{
    public QueueTicket Ticket { get; private set; } = null!;
    public string ServiceName { get; private set; } = "";
    public TicketDesk.Progress? Progress { get; private set; }
    public string QrSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return NotFound();
        }

        var ticket = await db.Set<QueueTicket>().AsNoTracking().SingleOrDefaultAsync(t => t.Token == token, ct);
        if (ticket is null)
        {
            return NotFound();
        }

        Ticket = ticket;
        ServiceName = await db.Set<CounterService>().Where(s => s.Id == ticket.ServiceId).Select(s => s.Name).SingleAsync(ct);
        if (ticket.Status == TicketStatus.Waiting)
        {
            Progress = await desk.ProgressOfAsync(ticket, ct);
        }

        using var data = QRCodeGenerator.GenerateQrCode(links.Ticket(token), QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true)
            .Replace("<svg ", $"<svg role=\"img\" aria-label=\"{l["この番号札のページのQRコード"]}\" ", StringComparison.Ordinal);
        return Page();
    }
}
