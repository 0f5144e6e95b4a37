using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Audit;

/// <summary>
/// Walks each chain in order and reports every entry whose hash, predecessor link or number does
/// not fit: an edited row breaks its own hash, a deleted one leaves a gap and a broken link, an
/// inserted one breaks the link of its successor.
/// </summary>
public sealed class AuditVerifier(MadoguchiDb db)
{
    public sealed record Problem(Guid ChainId, long Sequence, string Kind, string Message);

    public sealed record Result(long EntriesChecked, IReadOnlyList<Problem> Problems)
    {
        public bool IsIntact => Problems.Count == 0;
    }

    public async Task<Result> VerifyAsync(Guid? chainId, CancellationToken ct)
    {
        var problems = new List<Problem>();
        long checkedCount = 0;
        var query = db.AuditEntries.AsNoTracking();
        if (chainId is { } only)
        {
            query = query.Where(e => e.ChainId == only);
        }

        Guid? chain = null;
        long expected = 0;
        var previous = AuditHash.Genesis;
        await foreach (var e in query.OrderBy(e => e.ChainId).ThenBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            checkedCount++;
            if (e.ChainId != chain)
            {
                (chain, expected, previous) = (e.ChainId, 1, AuditHash.Genesis);
            }

            if (e.Sequence != expected)
            {
                problems.Add(new(e.ChainId, e.Sequence, "missing",
                    $"番号 {expected} から {e.Sequence - 1} の記録が見つかりません（削除された可能性があります）。"));
            }

            if (e.PreviousHash != previous)
            {
                problems.Add(new(e.ChainId, e.Sequence, "link",
                    $"番号 {e.Sequence} の記録が直前の記録とつながっていません（挿入または削除の可能性があります）。"));
            }

            if (AuditHash.Compute(e) != e.Hash)
            {
                problems.Add(new(e.ChainId, e.Sequence, "altered",
                    $"番号 {e.Sequence} の記録の内容がハッシュと一致しません（改ざんの可能性があります）。"));
            }

            previous = e.Hash;
            expected = e.Sequence + 1;
        }

        return new Result(checkedCount, problems);
    }
}
