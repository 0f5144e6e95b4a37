using Madoguchi.OpenData.Catalogue;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.OpenData.Publishing;

/// <summary>
/// Publishing a dataset takes a snapshot: each file resource's latest upload becomes what the
/// public gets. Refused while any file is still being read or failed its checks, so a dataset is
/// never public with a half-read or faulty file. Where the municipality requires review, a
/// publisher only asks; a municipality admin publishes.
/// </summary>
public sealed class Publication(MadoguchiDb db, TimeProvider time)
{
    /// <summary>What stands in the way of publishing, in Japanese; empty when it may go public.</summary>
    public async Task<IReadOnlyList<string>> BlockersAsync(Guid datasetId, CancellationToken ct)
    {
        var resources = await db.Set<DatasetResource>().Where(r => r.DatasetId == datasetId)
            .Select(r => new
            {
                r.Name, r.Format, r.LinkUrl,
                State = db.Set<ResourceUpload>().Where(u => u.Id == r.LatestUploadId).Select(u => (UploadState?)u.State).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var blockers = new List<string>();
        if (resources.Count == 0)
        {
            blockers.Add("ファイルまたはリンクを1つ以上登録してください。");
        }

        foreach (var r in resources.Where(r => r.Format != ResourceFormat.Link))
        {
            blockers.AddRange(r.State switch
            {
                null => [$"「{r.Name}」にファイルがありません。"],
                UploadState.Queued or UploadState.Ingesting => [$"「{r.Name}」はまだ読み込み中です。終わってから公開してください。"],
                UploadState.Failed => [$"「{r.Name}」の最新のファイルにエラーがあります。直したファイルをアップロードしてください。"],
                _ => [],
            });
        }

        return blockers;
    }

    public async Task<bool> RequiresReviewAsync(CancellationToken ct) =>
        await db.Set<OpenDataSettings>().Select(s => s.RequireReview).FirstOrDefaultAsync(ct);

    /// <summary>Makes the latest files and any waiting description change public (and the dataset, on its first publication). Caller saves.</summary>
    public async Task PublishAsync(Dataset dataset, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var resources = await db.Set<DatasetResource>().Where(r => r.DatasetId == dataset.Id).ToListAsync(ct);
        foreach (var resource in resources.Where(r => r.Format != ResourceFormat.Link))
        {
            resource.PublishedUploadId = resource.LatestUploadId;
            resource.UpdatedAt = now;
        }

        if (dataset.PendingChangesJson is not null)
        {
            // A description change that waited for review goes live with the files.
            await db.Entry(dataset).Collection(d => d.Tags).LoadAsync(ct);
            await DatasetEditor.ApplyAsync(db, dataset, DatasetEditor.Current(dataset), now, ct);
        }

        dataset.PublishedAt ??= now;
        dataset.LastPublishedAt = now;
        dataset.ReviewRequestedAt = null;
        dataset.UpdatedAt = now;
    }

    /// <summary>
    /// The 公開する button and the API's private=false: publishes, or where the municipality requires
    /// review and the actor is not the DX office, asks for it. Returns whether it went public. Caller saves.
    /// </summary>
    public async Task<bool> PublishOrAskAsync(Dataset dataset, bool isReviewer, CancellationToken ct)
    {
        if (!isReviewer && await RequiresReviewAsync(ct))
        {
            RequestReview(dataset);
            return false;
        }

        await PublishAsync(dataset, ct);
        return true;
    }

    public void RequestReview(Dataset dataset) => dataset.ReviewRequestedAt = time.GetUtcNow().UtcDateTime;

    public static void Withdraw(Dataset dataset)
    {
        dataset.PublishedAt = null;
        dataset.ReviewRequestedAt = null;
    }
}
