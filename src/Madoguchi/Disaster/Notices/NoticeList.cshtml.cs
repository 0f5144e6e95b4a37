using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Notices;

/// <summary>危機管理課's start page: the notices, newest first, with their delivery progress.</summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class NoticeListModel(MadoguchiDb db, DisasterAccess access) : PageModel
{
    public sealed record Row(Guid Id, NoticeLevel Level, string Title, NoticeStatus Status, DateTime CreatedAt, int Queued, int Sent);

    public IReadOnlyList<Row> Notices { get; private set; } = [];
    public DisasterSettings Settings { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Settings = await access.SettingsAsync(ct);
        if (!DisasterAccess.IsStaff(User, Settings))
        {
            return Forbid();
        }

        Notices = await db.Set<Notice>().OrderByDescending(n => n.CreatedAt).Take(100)
            .Select(n => new Row(n.Id, n.Level, n.Title, n.Status, n.CreatedAt, n.Queued,
                db.Set<NoticeDelivery>().Count(d => d.NoticeId == n.Id && d.Status == DeliveryStatus.Sent)))
            .ToListAsync(ct);
        return Page();
    }
}
