using Madoguchi.OpenData.Catalogue;
using Madoguchi.OpenData.Ingest;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Madoguchi.OpenData.Publishing;

/// <summary>A file or link to add: to a new resource (<see cref="Name"/>) or as a new version of <see cref="ResourceId"/>.</summary>
public sealed record ResourceSubmission(Guid? ResourceId, string? Name, ResourceFormat Format, string? LinkUrl, string? FileName, long? Length, Func<Stream>? Open, string UploadedBy);

/// <summary>What became of a submission: field messages (keys: ResourceId, Name, LinkUrl, File), or the resource.</summary>
public sealed record ResourceSubmitResult(DatasetResource? Resource, ResourceUpload? Upload, IReadOnlyDictionary<string, List<string>> Errors);

/// <summary>
/// Adds files and links to a dataset for the staff page, the CKAN resource_create action and the
/// scheduled fetch alike: checks the size before anything is stored, streams the file to storage,
/// records it as the next version of its resource and nudges the ingest worker.
/// </summary>
public sealed class ResourceUploader(MadoguchiDb db, UploadFiles files, IngestSignal signal, IOptions<OpenDataOptions> options,
    IStringLocalizer<SharedResource> l)
{
    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    /// <summary>The message for a file over the limit, the same on the page and in the API.</summary>
    public string TooLarge(long? size) => size is { } s
        ? l["ファイルが大きすぎます（{0}）。{1}までにしてください。", Megabytes(s), Megabytes(MaxUploadBytes)].Value
        : l["ファイルが大きすぎます。{0}までにしてください。", Megabytes(MaxUploadBytes)].Value;

    public async Task<ResourceSubmitResult> SubmitAsync(Dataset dataset, ResourceSubmission s, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var list) ? list : errors[field] = []).Add(message);

        DatasetResource? resource = null;
        if (s.ResourceId is { } resourceId)
        {
            resource = await db.Set<DatasetResource>().SingleOrDefaultAsync(r => r.Id == resourceId && r.DatasetId == dataset.Id, ct);
            if (resource is null)
            {
                Add("ResourceId", l["ファイルを一覧から選んでください。"].Value);
            }
        }
        else if (string.IsNullOrWhiteSpace(s.Name))
        {
            Add("Name", l["ファイルの名前を入力してください。"].Value);
        }
        else if (s.Name.Trim().Length > 200)
        {
            Add("Name", l["ファイルの名前は200文字以内で入力してください。"].Value);
        }

        var format = resource?.Format ?? (Enum.IsDefined(s.Format) ? s.Format : ResourceFormat.Csv);
        if (format == ResourceFormat.Link)
        {
            if (!IsWebAddress(s.LinkUrl))
            {
                Add("LinkUrl", l["リンク先は http:// または https:// で始まるURLを入力してください。"].Value);
            }
        }
        else if (s.Open is null || s.Length is null or 0)
        {
            Add("File", l["ファイルを選んでください。"].Value);
        }
        else if (s.Length > MaxUploadBytes)
        {
            Add("File", TooLarge(s.Length));
        }

        if (errors.Count > 0)
        {
            return new ResourceSubmitResult(null, null, errors);
        }

        if (resource is null)
        {
            var order = await db.Set<DatasetResource>().Where(r => r.DatasetId == dataset.Id).Select(r => (int?)r.SortOrder).MaxAsync(ct) ?? 0;
            resource = new DatasetResource { DatasetId = dataset.Id, Name = s.Name!.Trim(), Format = format, SortOrder = order + 1 };
            db.Add(resource);
        }

        resource.UpdatedAt = DateTime.UtcNow;
        if (format == ResourceFormat.Link)
        {
            resource.LinkUrl = s.LinkUrl!.Trim();
            await db.SaveChangesAsync(ct);
            return new ResourceSubmitResult(resource, null, errors);
        }

        await using var stream = s.Open!();
        var upload = await StoreAsync(dataset.TenantId, resource, s.FileName ?? resource.Name, stream, s.UploadedBy, ct);
        await db.SaveChangesAsync(ct);
        signal.Nudge();
        return new ResourceSubmitResult(resource, upload, errors);
    }

    /// <summary>Streams a file to storage as the next version of the resource (tracked, not yet saved).</summary>
    public async Task<ResourceUpload> StoreAsync(Guid tenantId, DatasetResource resource, string fileName, Stream stream, string uploadedBy, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var (size, sha256, sha1) = await files.SaveAsync(tenantId, id, stream, ct);
        return await RecordAsync(tenantId, resource, id, fileName, size, sha256, sha1, uploadedBy, ct);
    }

    /// <summary>Records a stored file as the next version of the resource and makes it the latest (tracked, not yet saved).</summary>
    public async Task<ResourceUpload> RecordAsync(Guid tenantId, DatasetResource resource, Guid uploadId, string fileName, long size, string sha256, string sha1, string uploadedBy, CancellationToken ct)
    {
        var number = await db.Set<ResourceUpload>().Where(u => u.ResourceId == resource.Id).Select(u => (int?)u.Number).MaxAsync(ct) ?? 0;
        var upload = new ResourceUpload
        {
            Id = uploadId, TenantId = tenantId, ResourceId = resource.Id, Number = number + 1, FileName = Path.GetFileName(fileName),
            ContentType = Vocabulary.ContentType(resource.Format), Size = size, Sha256 = sha256, Sha1 = sha1, UploadedBy = uploadedBy,
        };
        resource.LatestUploadId = upload.Id;
        resource.UpdatedAt = DateTime.UtcNow;
        db.Add(upload);
        return upload;
    }

    /// <summary>Tells the ingest worker that an upload is waiting.</summary>
    public void Nudge() => signal.Nudge();

    public static bool IsWebAddress(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp);
}
