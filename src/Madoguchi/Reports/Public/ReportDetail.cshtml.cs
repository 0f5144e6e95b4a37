using System.ComponentModel.DataAnnotations;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Reports.Public;

/// <summary>
/// One report as everyone sees it: status, place, photos and the city's replies. Anyone may follow
/// it with an e-mail address, which must be confirmed from the mail before anything is sent to it.
/// </summary>
public sealed class ReportDetailModel(MadoguchiDb db, ReportMails mails, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FollowInput
    {
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        [MaxLength(254, ErrorMessage = "メールアドレスは254文字以内で入力してください。")]
        public string Email { get; set; } = "";
    }

    [BindProperty]
    public FollowInput Follow { get; set; } = new();

    public ReportView View { get; private set; } = null!;
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostFollowAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var email = Follow.Email?.Trim() ?? "";
        if (ModelState.IsValid && !ReportSubmission.IsEmail(email))
        {
            ModelState.AddModelError("Follow.Email", l["メールアドレスの形式が正しくありません。"]);
        }

        if (ModelState.IsValid && View.Report.Status == Reporting.ReportStatus.Merged)
        {
            ModelState.AddModelError("Follow.Email", l["この報告は統合されました。まとめた先の報告をフォローしてください。"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same answer whether or not the address already follows: the page must not reveal who follows.
        if (!await db.Set<ReportFollower>().AnyAsync(f => f.ReportId == id && f.Email == email, ct))
        {
            var token = ReportFollower.NewToken();
            var follower = new ReportFollower { ReportId = id, Email = email, TokenHash = ReportFollower.Hash(token) };
            db.Add(follower);
            mails.ConfirmFollowing(follower, token, View.CategoryName);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same address a moment ago (a double submit): the unique index kept one.
            }
        }

        TempData["notice"] = l["確認のメールを送りました。メールのリンクを開くと、フォローが始まります。"].Value;
        return Redirect($"/{RouteData.Values["tenant"]}/reports/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await ReportView.LoadAsync(db, id, ct);
        if (view is null)
        {
            return false;
        }

        View = view;
        return true;
    }
}
