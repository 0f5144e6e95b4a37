using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.Notices;

/// <summary>
/// Approval and sending of a notice: the second person's approval (when the municipality requires
/// it), then the fan-out, in one transaction with the notice's Version check, so of two approvers
/// (or a double click) one sends and the other is told.
/// </summary>
public sealed class NoticeSending(MadoguchiDb db, NoticeFanOut fanOut, DisasterLinks links)
{
    public sealed record Problem(string Message);

    public async Task<Problem?> SendAsync(Notice notice, int shownVersion, Guid staffId, string staffName, bool requireApproval, CancellationToken ct)
    {
        if (notice.Status != NoticeStatus.AwaitingApproval)
        {
            return new Problem("このお知らせは既に送信されたか、取り下げられています。");
        }

        if (requireApproval && notice.ComposedBy == staffId)
        {
            return new Problem("作成した本人は承認できません。別の職員が承認してください。");
        }

        var now = DateTime.UtcNow;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Entry(notice).Property(n => n.Version).OriginalValue = shownVersion;
        notice.Status = NoticeStatus.Sending;
        notice.ApprovedBy = staffId;
        notice.ApprovedByName = staffName;
        notice.SentAt = now;
        notice.LinkBase = links.Base();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Problem("他の職員が先にこのお知らせを操作しました。画面を開き直してください。");
        }

        var queued = await fanOut.QueueAsync(notice.TenantId, notice.Id, now, ct);
        if (queued == 0)
        {
            // Subscribers of the areas may have left since it was written: sending to nobody is refused, not silently "sent".
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new Problem("対象地区に配信先の登録者がいないため、送信できません。対象地区を見直してください。");
        }

        notice.Queued = queued;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    public async Task<Problem?> WithdrawAsync(Notice notice, int shownVersion, CancellationToken ct)
    {
        if (notice.Status != NoticeStatus.AwaitingApproval)
        {
            return new Problem("このお知らせは既に送信されたか、取り下げられています。");
        }

        db.Entry(notice).Property(n => n.Version).OriginalValue = shownVersion;
        notice.Status = NoticeStatus.Withdrawn;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Problem("他の職員が先にこのお知らせを操作しました。画面を開き直してください。");
        }
    }
}
