using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.OpenData.Publishing;

/// <summary>
/// A dataset as its publisher works on it: files and links, each upload's check report and history,
/// and publishing (or asking the DX office to publish) once every file passed its checks.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
[RequestSizeLimit(UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
public sealed class DatasetManageModel(MadoguchiDb db, Publication publication, ResourceUploader uploader, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>
    /// Well above the largest file (<see cref="OpenDataOptions.MaxUploadBytes"/>), so a file a little over
    /// it (210 MB) reaches the handler and gets the Japanese message at the field; the form reader
    /// buffers it to a temporary file that is deleted with the request, and nothing is stored.
    /// </summary>
    private const long UploadRequestLimit = 1024L * 1024 * 1024;

    public sealed record UploadView(Guid Id, int Number, string FileName, long Size, UploadState State, long ProcessedBytes, string? Encoding,
        int? RowCount, int? PreviousRowCount, int Errors, int Warnings, string ProblemsJson, string UploadedBy, DateTime CreatedAt, bool IsPublished,
        DateTime? IndexedAt = null, int Columns = 0, int IndexedColumns = 0);

    public sealed record ResourceView(Guid Id, string Name, ResourceFormat Format, string? LinkUrl, long Downloads, Guid? LatestUploadId, Guid? PublishedUploadId, IReadOnlyList<UploadView> Uploads,
        string? SourceUrl = null, FetchSchedule FetchSchedule = FetchSchedule.None, DateTime? NextFetchAt = null, DateTime? LastFetchAt = null, bool? LastFetchSucceeded = null, string? LastFetchMessage = null)
    {
        public UploadView? Latest => Uploads.FirstOrDefault(u => u.Id == LatestUploadId);
    }

    public sealed class UploadInput
    {
        public Guid? ResourceId { get; set; }
        public string? Name { get; set; }
        public ResourceFormat Format { get; set; } = ResourceFormat.Csv;
        public string? LinkUrl { get; set; }
        public IFormFile? File { get; set; }
    }

    [BindProperty]
    public UploadInput Upload { get; set; } = new();

    public Dataset Dataset { get; private set; } = null!;
    public string DepartmentName { get; private set; } = "";
    public StandardDataset? Standard { get; private set; }
    public IReadOnlyList<ResourceView> Resources { get; private set; } = [];
    public IReadOnlyList<string> Blockers { get; private set; } = [];
    public bool RequiresReview { get; private set; }
    public bool IsReviewer { get; private set; }
    public string? Notice { get; private set; }

    public long MaxUploadBytes => uploader.MaxUploadBytes;

    public bool AnyIngesting => Resources.Any(r => r.Latest?.State is UploadState.Queued or UploadState.Ingesting);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = TempData["notice"] as string;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var file = Upload.File;
        var result = await uploader.SubmitAsync(Dataset, new ResourceSubmission(Upload.ResourceId, Upload.Name, Upload.Format, Upload.LinkUrl,
            file?.FileName, file?.Length, file is null ? null : file.OpenReadStream, User.Identity?.Name ?? ""), ct);
        if (result.Resource is null)
        {
            foreach (var (field, messages) in result.Errors)
            {
                messages.ForEach(m => ModelState.AddModelError("Upload." + field, m));
            }

            return Page();
        }

        TempData["notice"] = result.Upload is null
            ? l["リンクを保存しました。"].Value
            : l["ファイルを受け付けました。読み込みと確認が終わるまでお待ちください。"].Value;
        return Redirect(Request.Path);
    }

    /// <summary>Sets (or clears) the source URL and schedule of a file; a new source is fetched at once, then on schedule.</summary>
    public async Task<IActionResult> OnPostSourceAsync(Guid id, Guid resourceId, string? sourceUrl, FetchSchedule schedule, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var resource = await db.Set<DatasetResource>().SingleOrDefaultAsync(r => r.Id == resourceId && r.DatasetId == id && r.Format != ResourceFormat.Link, ct);
        if (resource is null)
        {
            return NotFound();
        }

        var url = sourceUrl?.Trim();
        if (string.IsNullOrEmpty(url))
        {
            resource.SourceUrl = null;
            resource.FetchSchedule = FetchSchedule.None;
            resource.NextFetchAt = null;
        }
        else if (url.Length > 2000 || !ResourceUploader.IsWebAddress(url))
        {
            ModelState.AddModelError("Source_" + resourceId.ToString("N"), l["取得元は http:// または https:// で始まるURLを入力してください。"]);
            return Page();
        }
        else
        {
            resource.SourceUrl = url;
            resource.FetchSchedule = schedule is FetchSchedule.Daily or FetchSchedule.Weekly or FetchSchedule.Monthly ? schedule : FetchSchedule.Daily;
            resource.NextFetchAt = DateTime.UtcNow;
        }

        return await SaveAsync(url is { Length: > 0 } ? l["取得元を保存しました。まもなく取得します。"].Value : l["定期取得をやめました。"].Value, ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, int version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (Blockers.Count > 0)
        {
            ModelState.AddModelError("", l["まだ公開できません。"]);
            return Page();
        }

        var dataset = await db.Set<Dataset>().SingleAsync(d => d.Id == id, ct);
        db.Entry(dataset).Property(d => d.Version).OriginalValue = version;
        var notice = await publication.PublishOrAskAsync(dataset, IsReviewer, ct)
            ? l["公開しました。"].Value
            : l["公開の審査を依頼しました。DX推進担当が確認して公開します。"].Value;

        return await SaveAsync(notice, ct);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, int version, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        var dataset = await db.Set<Dataset>().SingleAsync(d => d.Id == id, ct);
        db.Entry(dataset).Property(d => d.Version).OriginalValue = version;
        Publication.Withdraw(dataset);
        return await SaveAsync(l["公開を取りやめました。"].Value, ct);
    }

    private async Task<IActionResult> SaveAsync(string notice, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", l["他の職員が先にこのデータセットを更新しました。画面を開き直して、もう一度操作してください。"]);
            return Page();
        }

        TempData["notice"] = notice;
        return Redirect(Request.Path);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var dataset = await db.Set<Dataset>().AsNoTracking().Include(d => d.Tags).SingleOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null || !PublisherScope.Of(User).Covers(dataset.DepartmentId))
        {
            return false;
        }

        Dataset = dataset;
        DepartmentName = await db.Departments.Where(d => d.Id == dataset.DepartmentId).Select(d => d.Name).SingleAsync(ct);
        Standard = StandardDatasets.Find(dataset.StandardCode);
        var resources = await db.Set<DatasetResource>().AsNoTracking().Where(r => r.DatasetId == id).OrderBy(r => r.SortOrder).ToListAsync(ct);
        var ids = resources.Select(r => r.Id).ToList();
        var uploads = await db.Set<ResourceUpload>().AsNoTracking().Where(u => ids.Contains(u.ResourceId)).OrderByDescending(u => u.Number)
            .Select(u => new { u.ResourceId, u.ColumnsJson, View = new UploadView(u.Id, u.Number, u.FileName, u.Size, u.State, u.ProcessedBytes, u.Encoding, u.RowCount, u.PreviousRowCount,
                u.ErrorCount, u.WarningCount, u.ProblemsJson, u.UploadedBy, u.CreatedAt, false, u.IndexedAt,
                0, db.Set<TableColumnIndex>().Count(m => m.UploadId == u.Id && m.ReadyAt != null)) })
            .ToListAsync(ct);
        uploads = uploads.Select(u => u with { View = u.View with { Columns = RowJson.Read(u.ColumnsJson ?? "[]").Length } }).ToList();
        Resources = resources.Select(r => new ResourceView(r.Id, r.Name, r.Format, r.LinkUrl, r.Downloads, r.LatestUploadId, r.PublishedUploadId,
            uploads.Where(u => u.ResourceId == r.Id).Select(u => u.View with { IsPublished = u.View.Id == r.PublishedUploadId && dataset.PublishedAt != null }).ToList(),
            r.SourceUrl, r.FetchSchedule, r.NextFetchAt, r.LastFetchAt, r.LastFetchSucceeded, r.LastFetchMessage)).ToList();
        Blockers = await publication.BlockersAsync(id, ct);
        RequiresReview = await publication.RequiresReviewAsync(ct);
        IsReviewer = PublisherScope.IsReviewer(User);
        return true;
    }

    public static string Megabytes(long bytes) => ResourceUploader.Megabytes(bytes);

    public static int Percent(UploadView u) => u.Size == 0 ? 0 : (int)Math.Clamp(u.ProcessedBytes * 100 / u.Size, 0, 100);
}
