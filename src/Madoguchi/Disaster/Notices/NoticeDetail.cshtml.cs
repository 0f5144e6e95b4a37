using System.Security.Claims;
using Madoguchi.Disaster.Subscriptions;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Disaster.Notices;

/// <summary>
/// One notice: its text, the approval (by someone other than its author when the municipality
/// requires it) that sends it, and then the delivery progress (queued / sent / failed / stopped).
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class NoticeDetailModel(MadoguchiDb db, DisasterAccess access, NoticeSending sending, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed record Progress(int Queued, int Sent, int Failed, int Skipped);

    public Notice Notice { get; private set; } = null!;
    public IReadOnlyList<string> AreaNames { get; private set; } = [];
    public Progress Counts { get; private set; } = new(0, 0, 0, 0);
    public DisasterSettings Settings { get; private set; } = null!;
    public bool CanSend { get; private set; }
    public string? Message { get; private set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Message = TempData["notice"] as string;
        return await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        if (!CanSend)
        {
            return Forbid();
        }

        var staffId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var problem = await sending.SendAsync(Notice, Version, staffId, User.FindFirstValue(ClaimTypes.GivenName) ?? "", Settings.RequireApproval, ct);
        if (problem is not null)
        {
            ModelState.AddModelError("", l[problem.Message]);
            await LoadAsync(id, ct);
            return Page();
        }

        TempData["notice"] = l["送信を開始しました。{0} 件を配信待ちにしました。", Notice.Queued].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/disaster/notices/{id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused)
        {
            return refused;
        }

        var problem = await sending.WithdrawAsync(Notice, Version, ct);
        if (problem is not null)
        {
            ModelState.AddModelError("", l[problem.Message]);
            await LoadAsync(id, ct);
            return Page();
        }

        TempData["notice"] = l["取り下げました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/staff/disaster/notices/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Settings = await access.SettingsAsync(ct);
        if (!DisasterAccess.IsStaff(User, Settings))
        {
            return Forbid();
        }

        var notice = await db.Set<Notice>().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null)
        {
            return NotFound();
        }

        Notice = notice;
        var staffId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        CanSend = Settings.RequireApproval
            ? DisasterAccess.IsApprover(User, Settings) && notice.ComposedBy != staffId
            : DisasterAccess.IsStaff(User, Settings);
        AreaNames = await (from na in db.Set<NoticeArea>()
                           join a in db.Set<DisasterArea>() on na.AreaId equals a.Id
                           where na.NoticeId == id
                           orderby a.SortOrder, a.Name
                           select a.Name).ToListAsync(ct);
        var counts = await db.Set<NoticeDelivery>().Where(d => d.NoticeId == id)
            .GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Of(DeliveryStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;
        Counts = new Progress(Of(DeliveryStatus.Queued), Of(DeliveryStatus.Sent), Of(DeliveryStatus.Failed), Of(DeliveryStatus.Skipped));
        return null;
    }
}
