using Madoguchi.Disaster.Notices;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.DisasterMode;

/// <summary>
/// The light disaster page (and the front page in 災害モード): the notices of the last three days
/// that are in force, the way to subscribe, and the 罹災証明書 procedure. No script, no image.
/// </summary>
public sealed class DisasterPageModel(MadoguchiDb db) : PageModel
{
    public sealed record Current(NoticeLevel Level, string Title, string Body, DateTime SentAt, string Areas);

    public sealed record OpenShelter(string Name, string Address, Shelters.ShelterOccupancy Occupancy, string? Note);

    public IReadOnlyList<Current> Notices { get; private set; } = [];
    public IReadOnlyList<OpenShelter> Shelters { get; private set; } = [];
    public bool HasSafetyCheck { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var since = DateTime.UtcNow.AddDays(-3);
        var notices = await db.Set<Notice>().Where(n => n.Status == NoticeStatus.Sending && n.SentAt >= since)
            .OrderByDescending(n => n.SentAt).Take(20)
            .Select(n => new { n.Id, n.Level, n.Title, n.BodyJapanese, SentAt = n.SentAt!.Value }).ToListAsync(ct);
        var ids = notices.Select(n => n.Id).ToList();
        var areas = await (from na in db.Set<NoticeArea>()
                           join a in db.Set<Subscriptions.DisasterArea>() on na.AreaId equals a.Id
                           where ids.Contains(na.NoticeId)
                           orderby a.SortOrder
                           select new { na.NoticeId, a.Name }).ToListAsync(ct);
        Notices = notices.Select(n => new Current(n.Level, n.Title, n.BodyJapanese, n.SentAt,
            string.Join("、", areas.Where(a => a.NoticeId == n.Id).Select(a => a.Name)))).ToList();
        Shelters = await db.Set<Shelters.Shelter>().Where(s => s.Open).OrderBy(s => s.Occupancy).ThenBy(s => s.Name)
            .Select(s => new OpenShelter(s.Name, s.Address, s.Occupancy, s.Note)).ToListAsync(ct);
        HasSafetyCheck = await db.Set<SafetyChecks.SafetyCampaign>().AnyAsync(c => c.ClosedAt == null, ct);
    }
}
