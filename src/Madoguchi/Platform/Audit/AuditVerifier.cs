using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Audit;

/// <summary>
/// Walks each chain in order and reports every entry whose hash, predecessor link or number does
/// not fit: an edited row breaks its own hash, a deleted one leaves a gap and a broken link, an
/// inserted one breaks the link of its successor, and removed newest entries no longer match the
/// chain's <see cref="AuditHead"/>.
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

        var last = new Dictionary<Guid, (long Sequence, string Hash)>();
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
            last[e.ChainId] = (e.Sequence, e.Hash);
        }

        var heads = await db.Set<AuditHead>().AsNoTracking()
            .Where(h => chainId == null || h.ChainId == chainId).ToListAsync(ct);
        foreach (var head in heads)
        {
            if (!last.TryGetValue(head.ChainId, out var tail) || tail.Sequence != head.Sequence || tail.Hash != head.Hash)
            {
                problems.Add(new(head.ChainId, head.Sequence, "truncated",
                    $"最新の記録（番号 {head.Sequence}）が見つからないか一致しません（末尾の記録が削除された可能性があります）。"));
            }
        }

        return new Result(checkedCount, problems);
    }
}
