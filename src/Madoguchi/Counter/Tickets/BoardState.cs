using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Tickets;

/// <summary>What the board shows, read once for the page and for its JSON (the script's polling).</summary>
public static class BoardState
{
    public sealed record Call(int Number, string? Window);

    public sealed record ServiceBoard(string Code, string Name, IReadOnlyList<Call> Called, int Waiting);

    public sealed record Snapshot(IReadOnlyList<ServiceBoard> Services);

    public static async Task<Snapshot> ReadAsync(MadoguchiDb db, TimeProvider time, CancellationToken ct)
    {
        var today = SlotRules.TodayInJapan(time.GetUtcNow().UtcDateTime);
        var services = await db.Set<CounterService>().AsNoTracking().Where(s => s.Active)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Name).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct);
        var tickets = await db.Set<QueueTicket>().AsNoTracking()
            .Where(t => t.Day == today && (t.Status == TicketStatus.Called || t.Status == TicketStatus.Waiting))
            .Select(t => new { t.ServiceId, t.Number, t.Status, t.Window, t.CalledAt }).ToListAsync(ct);
        return new Snapshot(services.Select(s => new ServiceBoard(s.Code, s.Name,
            tickets.Where(t => t.ServiceId == s.Id && t.Status == TicketStatus.Called).OrderByDescending(t => t.CalledAt).Take(6)
                .Select(t => new Call(t.Number, t.Window)).ToList(),
            tickets.Count(t => t.ServiceId == s.Id && t.Status == TicketStatus.Waiting))).ToList());
    }
}
