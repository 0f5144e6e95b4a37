using Madoguchi.Platform.Data;
using Madoguchi.Reports.Catalogue;
using Madoguchi.Reports.Reporting;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Reports.Triage;

/// <summary>
/// Every change of a report after it arrived: a status change with its public note (mailed to the
/// followers), an internal note, another department, a merge, the reporter's 直っていない. Each
/// appends a history line; a change made from an outdated screen fails on the Version check.
/// </summary>
public sealed class ReportWorkflow(MadoguchiDb db, ReportMails mails, TimeProvider time)
{
    public const int MaxNote = 2000;
    public const string Outdated = "他の職員が先にこの報告を更新しました。画面を開き直して、もう一度操作してください。";

    /// <summary>Null when done; otherwise a message and the field it belongs to.</summary>
    public sealed record Problem(string Field, string Message);

    public async Task<Problem?> ChangeStatusAsync(Report report, int seenVersion, ReportStatus to, string? publicNote, string? internalNote, Guid? staffId, CancellationToken ct)
    {
        publicNote = publicNote?.Trim();
        internalNote = internalNote?.Trim();
        if (!ReportStatuses.NextOf(report.Status).Contains(to))
        {
            return new Problem("Status", $"「{ReportStatuses.Name(report.Status)}」から「{ReportStatuses.Name(to)}」には変えられません。");
        }

        if (string.IsNullOrEmpty(publicNote))
        {
            return new Problem("PublicNote", "住民へのお知らせ（公開）を入力してください。");
        }

        if (publicNote.Length > MaxNote || internalNote?.Length > MaxNote)
        {
            return new Problem("PublicNote", "メモは2000文字以内で入力してください。");
        }

        var from = report.Status;
        db.Entry(report).Property(r => r.Version).OriginalValue = seenVersion;
        report.Status = to;
        report.NeedsReview = false;
        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        AddUpdate(report, new ReportUpdate
        {
            ReportId = report.Id, Kind = ReportUpdateKind.StatusChanged, FromStatus = from, ToStatus = to, At = report.UpdatedAt,
            PublicNote = publicNote, InternalNote = string.IsNullOrEmpty(internalNote) ? null : internalNote, StaffUserId = staffId,
        });
        await mails.StatusChangedAsync(report, await CategoryNameAsync(report, ct), publicNote, ct);
        return await SaveAsync(ct);
    }

    public async Task<Problem?> AddInternalNoteAsync(Report report, int seenVersion, string? note, Guid? staffId, CancellationToken ct)
    {
        note = note?.Trim();
        if (string.IsNullOrEmpty(note) || note.Length > MaxNote)
        {
            return new Problem("InternalNote", "内部メモを2000文字以内で入力してください。");
        }

        db.Entry(report).Property(r => r.Version).OriginalValue = seenVersion;
        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        db.Add(new ReportUpdate { ReportId = report.Id, Kind = ReportUpdateKind.InternalNote, InternalNote = note, StaffUserId = staffId, At = report.UpdatedAt });
        return await SaveAsync(ct);
    }

    public async Task<Problem?> ReassignAsync(Report report, int seenVersion, Guid departmentId, Guid? staffId, CancellationToken ct)
    {
        var department = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(ct);
        if (department is null)
        {
            return new Problem("DepartmentId", "担当課を選んでください。");
        }

        db.Entry(report).Property(r => r.Version).OriginalValue = seenVersion;
        report.DepartmentId = departmentId;
        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        db.Add(new ReportUpdate { ReportId = report.Id, Kind = ReportUpdateKind.Reassigned, InternalNote = "担当課：" + department, StaffUserId = staffId, At = report.UpdatedAt });
        return await SaveAsync(ct);
    }

    /// <summary>
    /// Closes <paramref name="duplicate"/> as 統合済み into <paramref name="survivor"/>; its followers
    /// (the reporter included) now follow the survivor, so they hear of its progress.
    /// </summary>
    public async Task<Problem?> MergeAsync(Report duplicate, int seenVersion, Report survivor, Guid? staffId, CancellationToken ct)
    {
        if (duplicate.Id == survivor.Id || !ReportStatuses.IsOpen(duplicate.Status) || survivor.Status == ReportStatus.Merged)
        {
            return new Problem("SurvivorId", "この報告は統合できません。統合先には、統合されていない別の報告を選んでください。");
        }

        var from = duplicate.Status;
        db.Entry(duplicate).Property(r => r.Version).OriginalValue = seenVersion;
        var now = time.GetUtcNow().UtcDateTime;
        duplicate.Status = ReportStatus.Merged;
        duplicate.MergedIntoId = survivor.Id;
        duplicate.NeedsReview = false;
        duplicate.UpdatedAt = now;
        survivor.UpdatedAt = now;
        const string note = "同じ問題の報告にまとめました。今後の対応は、まとめた先の報告でお知らせします。";
        AddUpdate(duplicate, new ReportUpdate { ReportId = duplicate.Id, Kind = ReportUpdateKind.Merged, FromStatus = from, ToStatus = ReportStatus.Merged, PublicNote = note, StaffUserId = staffId, At = now });
        db.Add(new ReportUpdate { ReportId = survivor.Id, Kind = ReportUpdateKind.Merged, InternalNote = "重複した報告を統合：" + duplicate.Id, StaffUserId = staffId, At = now });

        // Mail the duplicate's followers once, with a link to the survivor, before they move.
        await mails.StatusChangedAsync(duplicate, await CategoryNameAsync(duplicate, ct), note + "\n" + "まとめた先：" + mails.ReportLink(survivor.Id), ct);
        var already = await db.Set<ReportFollower>().Where(f => f.ReportId == survivor.Id).Select(f => f.Email).ToListAsync(ct);
        foreach (var follower in await db.Set<ReportFollower>().Where(f => f.ReportId == duplicate.Id).ToListAsync(ct))
        {
            if (already.Contains(follower.Email, StringComparer.OrdinalIgnoreCase))
            {
                db.Remove(follower);
            }
            else
            {
                follower.ReportId = survivor.Id;
                already.Add(follower.Email);
            }
        }

        return await SaveAsync(ct);
    }

    /// <summary>The reporter says a closed report is not fixed: it goes back to 受付 and is marked for review.</summary>
    public async Task<Problem?> NotFixedAsync(Report report, string? comment, CancellationToken ct)
    {
        comment = comment?.Trim();
        if (report.Status != ReportStatus.Closed)
        {
            return new Problem("", "この報告は完了になっていないため、お答えいただく必要はありません。");
        }

        if (comment?.Length > MaxNote)
        {
            return new Problem("Comment", "コメントは2000文字以内で入力してください。");
        }

        report.Status = ReportStatus.Received;
        report.NeedsReview = true;
        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        AddUpdate(report, new ReportUpdate
        {
            ReportId = report.Id, Kind = ReportUpdateKind.NotFixed, FromStatus = ReportStatus.Closed, ToStatus = ReportStatus.Received, At = report.UpdatedAt,
            PublicNote = "報告された方から「直っていない」との回答があり、確認し直します。", InternalNote = string.IsNullOrEmpty(comment) ? null : comment,
        });
        return await SaveAsync(ct);
    }

    /// <summary>Appends to the history; a public note also becomes the report's current one.</summary>
    private void AddUpdate(Report report, ReportUpdate update)
    {
        db.Add(update);
        if (update.PublicNote is { } note)
        {
            report.PublicNote = note;
        }
    }

    private Task<string> CategoryNameAsync(Report report, CancellationToken ct) =>
        db.Set<ReportCategory>().Where(c => c.Id == report.CategoryId).Select(c => c.Name).SingleAsync(ct);

    private async Task<Problem?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new Problem("", Outdated);
        }
    }
}
