using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ingest;
using Madoguchi.OpenData.Standards;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Madoguchi.Platform.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Madoguchi.OpenData.Publishing;

/// <summary>
/// A dataset as its publisher works on it: files and links, each upload's check report and history,
/// and publishing (or asking the DX office to publish) once every file passed its checks.
/// </summary>
[Authorize(Policy = StaffPolicies.TenantStaff)]
[RequestSizeLimit(UploadRequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
public sealed class DatasetManageModel(MadoguchiDb db, Publication publication, UploadFiles files, IngestSignal signal,
    IOptions<OpenDataOptions> options, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The request may be a little larger than the largest file (form fields, multipart framing).</summary>
    private const long UploadRequestLimit = 210L * 1024 * 1024;

    public sealed record UploadView(Guid Id, int Number, string FileName, long Size, UploadState State, long ProcessedBytes, string? Encoding,
        int? RowCount, int? PreviousRowCount, int Errors, int Warnings, string ProblemsJson, string UploadedBy, DateTime CreatedAt, bool IsPublished);

    public sealed record ResourceView(Guid Id, string Name, ResourceFormat Format, string? LinkUrl, long Downloads, Guid? LatestUploadId, Guid? PublishedUploadId, IReadOnlyList<UploadView> Uploads)
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

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

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

        DatasetResource? resource = null;
        if (Upload.ResourceId is { } resourceId)
        {
            resource = await db.Set<DatasetResource>().SingleOrDefaultAsync(r => r.Id == resourceId && r.DatasetId == id, ct);
            if (resource is null)
            {
                ModelState.AddModelError("Upload.ResourceId", l["ファイルを一覧から選んでください。"]);
            }
        }
        else if (string.IsNullOrWhiteSpace(Upload.Name))
        {
            ModelState.AddModelError("Upload.Name", l["ファイルの名前を入力してください。"]);
        }
        else if (Upload.Name.Trim().Length > 200)
        {
            ModelState.AddModelError("Upload.Name", l["ファイルの名前は200文字以内で入力してください。"]);
        }

        var format = resource?.Format ?? (Enum.IsDefined(Upload.Format) ? Upload.Format : ResourceFormat.Csv);
        var file = Upload.File;
        if (format == ResourceFormat.Link)
        {
            if (!Uri.TryCreate(Upload.LinkUrl?.Trim(), UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
            {
                ModelState.AddModelError("Upload.LinkUrl", l["リンク先は http:// または https:// で始まるURLを入力してください。"]);
            }
        }
        else if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("Upload.File", l["ファイルを選んでください。"]);
        }
        else if (file.Length > options.Value.MaxUploadBytes)
        {
            ModelState.AddModelError("Upload.File", l["ファイルが大きすぎます（{0}）。{1}までにしてください。", Megabytes(file.Length), Megabytes(options.Value.MaxUploadBytes)]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (resource is null)
        {
            var order = await db.Set<DatasetResource>().Where(r => r.DatasetId == id).Select(r => (int?)r.SortOrder).MaxAsync(ct) ?? 0;
            resource = new DatasetResource { DatasetId = id, Name = Upload.Name!.Trim(), Format = format, SortOrder = order + 1 };
            db.Add(resource);
        }

        resource.UpdatedAt = DateTime.UtcNow;
        if (format == ResourceFormat.Link)
        {
            resource.LinkUrl = Upload.LinkUrl!.Trim();
            await db.SaveChangesAsync(ct);
            TempData["notice"] = l["リンクを保存しました。"].Value;
            return Redirect(Request.Path);
        }

        var number = await db.Set<ResourceUpload>().Where(u => u.ResourceId == resource.Id).Select(u => (int?)u.Number).MaxAsync(ct) ?? 0;
        var upload = new ResourceUpload
        {
            TenantId = Dataset.TenantId, ResourceId = resource.Id, Number = number + 1, FileName = Path.GetFileName(file!.FileName),
            ContentType = Vocabulary.ContentType(format), Sha256 = "", UploadedBy = User.Identity?.Name ?? "",
        };
        await using (var stream = file.OpenReadStream())
        {
            (upload.Size, upload.Sha256) = await files.SaveAsync(Dataset.TenantId, upload.Id, stream, ct);
        }

        resource.LatestUploadId = upload.Id;
        db.Add(upload);
        await db.SaveChangesAsync(ct);
        signal.Nudge();
        TempData["notice"] = l["ファイルを受け付けました。読み込みと確認が終わるまでお待ちください。"].Value;
        return Redirect(Request.Path);
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
        string notice;
        if (RequiresReview && !IsReviewer)
        {
            publication.RequestReview(dataset);
            notice = l["公開の審査を依頼しました。DX推進担当が確認して公開します。"].Value;
        }
        else
        {
            await publication.PublishAsync(dataset, ct);
            notice = l["公開しました。"].Value;
        }

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
            .Select(u => new { u.ResourceId, View = new UploadView(u.Id, u.Number, u.FileName, u.Size, u.State, u.ProcessedBytes, u.Encoding, u.RowCount, u.PreviousRowCount,
                u.ErrorCount, u.WarningCount, u.ProblemsJson, u.UploadedBy, u.CreatedAt, false) })
            .ToListAsync(ct);
        Resources = resources.Select(r => new ResourceView(r.Id, r.Name, r.Format, r.LinkUrl, r.Downloads, r.LatestUploadId, r.PublishedUploadId,
            uploads.Where(u => u.ResourceId == r.Id).Select(u => u.View with { IsPublished = u.View.Id == r.PublishedUploadId && dataset.PublishedAt != null }).ToList())).ToList();
        Blockers = await publication.BlockersAsync(id, ct);
        RequiresReview = await publication.RequiresReviewAsync(ct);
        IsReviewer = PublisherScope.IsReviewer(User);
        return true;
    }

    public static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    public static int Percent(UploadView u) => u.Size == 0 ? 0 : (int)Math.Clamp(u.ProcessedBytes * 100 / u.Size, 0, 100);
}
