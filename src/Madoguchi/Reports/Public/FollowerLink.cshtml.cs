using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Reports.Reporting;
using Madoguchi.Reports.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Public;

/// <summary>
/// The link in a follower's mail: confirm the address, stop the mails, or — for the reporter of a
/// closed report — answer 直っていない, which reopens it for staff. Opening the link changes
/// nothing (mail scanners open links); each action is a button.
/// </summary>
public sealed class FollowerLinkModel(MadoguchiDb db, ReportWorkflow workflow, IStringLocalizer<SharedResource> l) : PageModel
{
    public ReportFollower Follower { get; private set; } = null!;
    public Report Report { get; private set; } = null!;
    public string? Notice { get; private set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(token, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        Follower.ConfirmedAt ??= DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        return Done(token, l["確認しました。対応状況が変わるとメールでお知らせします。"]);
    }

    public async Task<IActionResult> OnPostUnfollowAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct))
        {
            return NotFound();
        }

        db.Remove(Follower);
        await db.SaveChangesAsync(ct);
        TempData["notice"] = l["お知らせを停止しました。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/reports/{Report.Id}");
    }

    public async Task<IActionResult> OnPostNotFixedAsync(string token, CancellationToken ct)
    {
        if (!await LoadAsync(token, ct) || !Follower.IsReporter)
        {
            return NotFound();
        }

        var problem = await workflow.NotFixedAsync(Report, Comment, ct);
        if (problem is not null)
        {
            ModelState.AddModelError(problem.Field, l[problem.Message]);
            return Page();
        }

        return Done(token, l["お知らせいただきありがとうございます。担当課が確認し直します。"]);
    }

    private RedirectResult Done(string token, string notice)
    {
        TempData["notice"] = notice;
        return Redirect($"/{RouteData.Values["tenant"]}/reports/followers/{token}");
    }

    private async Task<bool> LoadAsync(string token, CancellationToken ct)
    {
        var hash = ReportFollower.Hash(token ?? "");
        var follower = await db.Set<ReportFollower>().SingleOrDefaultAsync(f => f.TokenHash == hash, ct);
        if (follower is null)
        {
            return false;
        }

        Follower = follower;
        Report = await db.Set<Report>().SingleAsync(r => r.Id == follower.ReportId, ct);
        return true;
    }
}
