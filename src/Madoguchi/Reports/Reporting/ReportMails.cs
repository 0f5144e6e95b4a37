using Madoguchi.Platform.Data;
using Madoguchi.Platform.Mail;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Reporting;

/// <summary>
/// Mails about a report, queued in the caller's unit of work. Status mails go to confirmed
/// followers only (the reporter among them); each carries the follower's own link, from which the
/// reporter can answer 直っていない and anyone can stop following.
/// </summary>
public sealed class ReportMails(MadoguchiDb db, MailOutbox outbox, TenantContext tenant, ReportLinks links)
{
    public string ReportLink(Guid id) => links.Report(id);

    public void ConfirmFollowing(ReportFollower follower, string token, string categoryName)
    {
        var what = follower.IsReporter ? "ご報告" : "フォローの申し込み";
        outbox.Enqueue(follower.Email, $"【{tenant.Name}】{what}の確認（{categoryName}）",
            $"{tenant.Name}への{what}を受け付けました。\n" +
            "対応状況のお知らせをメールで受け取るには、次のリンクを開いて確認してください。\n\n" +
            $"{links.Follower(token)}\n\n報告のページ：{links.Report(follower.ReportId)}\n\n" +
            "このメールに心当たりがない場合は、破棄してください。お知らせは届きません。\n");
    }

    /// <summary>Queues one mail per confirmed follower. Tokens are renewed so each mail's link works (only hashes are kept).</summary>
    public async Task StatusChangedAsync(Report report, string categoryName, string? publicNote, CancellationToken ct)
    {
        var followers = await db.Set<ReportFollower>().Where(f => f.ReportId == report.Id && f.ConfirmedAt != null).ToListAsync(ct);
        foreach (var follower in followers)
        {
            var token = ReportFollower.NewToken();
            follower.TokenHash = ReportFollower.Hash(token);
            var status = ReportStatuses.Name(report.Status);
            var feedback = follower.IsReporter && report.Status is ReportStatus.Closed
                ? "\n直っていない場合は、次のリンクからお知らせください。確認し直します。\n"
                : "\nお知らせの停止は次のリンクからできます。\n";
            outbox.Enqueue(follower.Email, $"【{tenant.Name}】報告の対応状況：{status}（{categoryName}）",
                $"{tenant.Name}に寄せられた報告（{categoryName}）の状況が「{status}」になりました。\n\n" +
                (string.IsNullOrWhiteSpace(publicNote) ? "" : $"市からのお知らせ：\n{publicNote}\n\n") +
                $"報告のページ：{links.Report(report.Id)}\n" + feedback + links.Follower(token) + "\n");
        }
    }
}
