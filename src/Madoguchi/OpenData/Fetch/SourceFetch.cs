using System.Net.Http.Headers;
using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ingest;
using Madoguchi.OpenData.Publishing;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.OpenData.Fetch;

/// <summary>
/// Fetches one resource from its source URL (claimed by <see cref="FetchWorker"/>): only http(s),
/// a time limit, the upload size limit, no internal addresses unless allowed. Changed bytes become
/// the resource's next version (ingested like an upload, published when it passed — or put up for
/// review where the municipality requires it); the same bytes only note the check. The outcome is
/// written on the resource for the manage page.
/// </summary>
public sealed class SourceFetch(MadoguchiDb db, IHttpClientFactory http, UploadFiles files, ResourceUploader uploader, Publication publication,
    IOptions<OpenDataOptions> options, TimeProvider time)
{
    public const string HttpClientName = "opendata-fetch";

    public static DateTime NextAfter(FetchSchedule schedule, DateTime from) => schedule switch
    {
        FetchSchedule.Daily => from.AddDays(1),
        FetchSchedule.Weekly => from.AddDays(7),
        _ => from.AddMonths(1),
    };

    public async Task RunAsync(Guid resourceId, CancellationToken ct)
    {
        var resource = await db.Set<DatasetResource>().SingleAsync(r => r.Id == resourceId, ct);
        var dataset = await db.Set<Dataset>().SingleAsync(d => d.Id == resource.DatasetId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var (ok, message) = await FetchAsync(dataset, resource, ct);
        resource.LastFetchAt = now;
        resource.LastFetchSucceeded = ok;
        resource.LastFetchMessage = message;
        resource.NextFetchAt = NextAfter(resource.FetchSchedule, now);
        resource.FetchClaimedUntil = null;
        await db.SaveChangesAsync(ct);
        uploader.Nudge();
    }

    private async Task<(bool Ok, string Message)> FetchAsync(Dataset dataset, DatasetResource resource, CancellationToken ct)
    {
        if (!ResourceUploader.IsWebAddress(resource.SourceUrl))
        {
            return (false, "取得元は http:// または https:// で始まるURLにしてください。");
        }

        var max = options.Value.MaxUploadBytes;
        var uploadId = Guid.CreateVersion7();
        var path = files.PathOf(dataset.TenantId, uploadId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.FetchTimeout);
        long size;
        string sha256, sha1;
        try
        {
            using var response = await http.CreateClient(HttpClientName).GetAsync(resource.SourceUrl, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (false, $"取得元が HTTP {(int)response.StatusCode} を返しました。");
            }

            if (response.Content.Headers.ContentLength > max)
            {
                return (false, $"取得元のファイルが大きすぎます（{ResourceUploader.Megabytes(response.Content.Headers.ContentLength.Value)}）。{ResourceUploader.Megabytes(max)}までです。");
            }

            await using var body = new LimitedStream(await response.Content.ReadAsStreamAsync(timeout.Token), max);
            (size, sha256, sha1) = await files.SaveAsync(dataset.TenantId, uploadId, body, timeout.Token);
        }
        catch (Exception e) when (e is LimitExceededException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            File.Delete(path);
            return (false, e switch
            {
                LimitExceededException => $"取得元のファイルが大きすぎます。{ResourceUploader.Megabytes(max)}までです。",
                OperationCanceledException => $"取得元が{options.Value.FetchTimeout.TotalSeconds:0}秒以内に応答しませんでした。",
                _ when e.InnerException is FetchRefusedException refused => refused.Message,
                _ => "取得元に接続できませんでした。URLを確かめてください。",
            });
        }

        if (size == 0)
        {
            File.Delete(path);
            return (false, "取得元のファイルが空でした。");
        }

        var latest = await db.Set<ResourceUpload>().Where(u => u.Id == resource.LatestUploadId).Select(u => u.Sha256).FirstOrDefaultAsync(ct);
        if (latest == sha256)
        {
            File.Delete(path);
            return (true, "取得しました。内容に変更はありませんでした。");
        }

        var fileName = Path.GetFileName(new Uri(resource.SourceUrl!).AbsolutePath) is { Length: > 0 } name ? name : resource.Name;
        var upload = await uploader.RecordAsync(dataset.TenantId, resource, uploadId, fileName, size, sha256, sha1, "定期取得", ct);
        // Published datasets follow their source; an unpublished one waits for its publisher.
        resource.PublishWhenPassed = dataset.PublishedAt is not null;
        return (true, $"取得しました。新しい版（第{upload.Number}版）として読み込みます。");
    }

    /// <summary>After ingest: publishes the fetched version where it passed (or asks for review); notes a failure.</summary>
    public async Task FinishAsync(Guid resourceId, CancellationToken ct)
    {
        var resource = await db.Set<DatasetResource>().SingleAsync(r => r.Id == resourceId, ct);
        var state = await db.Set<ResourceUpload>().Where(u => u.Id == resource.LatestUploadId).Select(u => (UploadState?)u.State).FirstOrDefaultAsync(ct);
        if (state is UploadState.Queued or UploadState.Ingesting)
        {
            return;
        }

        resource.PublishWhenPassed = false;
        var dataset = await db.Set<Dataset>().SingleAsync(d => d.Id == resource.DatasetId, ct);
        if (state != UploadState.Passed)
        {
            resource.LastFetchSucceeded = false;
            resource.LastFetchMessage = "取得したファイルにエラーがあるため公開していません。確認結果を見てください。";
        }
        else if (dataset.PublishedAt is not null && (await publication.BlockersAsync(dataset.Id, ct)).Count == 0)
        {
            var published = await publication.PublishOrAskAsync(dataset, isReviewer: false, ct);
            resource.LastFetchMessage = published ? "取得した新しい版を公開しました。" : "取得した新しい版の公開の審査を依頼しました。";
        }

        await db.SaveChangesAsync(ct);
    }

    private sealed class LimitExceededException : Exception;

    /// <summary>Reads at most the limit; one byte more is an error (the server may not say the length).</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            _read += n;
            return _read > limit ? throw new LimitExceededException() : n;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
