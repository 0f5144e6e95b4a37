using System.Security.Cryptography;
using Madoguchi.Platform;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Reports.Photos;

/// <summary>
/// Accepts photos for a report form: checks size and type by their bytes, reads the GPS position,
/// removes all metadata and keeps only the cleaned file under the data directory. The original
/// bytes never touch the disk.
/// </summary>
public sealed class PhotoStore(MadoguchiDb db, TenantContext tenant, IOptions<ReportsOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    public sealed record Outcome(string? Error, (double Latitude, double Longitude)? Gps);

    public async Task<Outcome> AddPendingAsync(Guid uploadKey, IFormFile file, CancellationToken ct)
    {
        var max = options.Value.MaxPhotoBytes;
        if (file.Length == 0)
        {
            return new Outcome($"写真「{Path.GetFileName(file.FileName)}」は空のファイルです。", null);
        }

        if (file.Length > max)
        {
            return new Outcome($"写真「{Path.GetFileName(file.FileName)}」は大きすぎます（{Megabytes(file.Length)}）。1枚{Megabytes(max)}までにしてください。", null);
        }

        var count = await db.Set<ReportPhoto>().CountAsync(p => p.UploadKey == uploadKey && p.ReportId == null, ct);
        if (count >= options.Value.MaxPhotosPerReport)
        {
            return new Outcome($"写真は{options.Value.MaxPhotosPerReport}枚までです。", null);
        }

        await using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var cleaned = ImageMetadata.Clean(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (cleaned is null)
        {
            return new Outcome($"「{Path.GetFileName(file.FileName)}」は写真として読み取れません。JPEG または PNG の画像を選んでください。", null);
        }

        var photo = new ReportPhoto
        {
            TenantId = tenant.TenantId!.Value, UploadKey = uploadKey, ContentType = cleaned.ContentType,
            Size = cleaned.Bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(cleaned.Bytes)),
        };
        var path = PathOf(photo.TenantId, photo.Id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, cleaned.Bytes, ct);
        db.Add(photo);
        await db.SaveChangesAsync(ct);
        return new Outcome(null, cleaned.Gps);
    }

    public Task<List<Guid>> PendingAsync(Guid uploadKey, CancellationToken ct) =>
        db.Set<ReportPhoto>().Where(p => p.UploadKey == uploadKey && p.ReportId == null).OrderBy(p => p.CreatedAt).Select(p => p.Id).ToListAsync(ct);

    public string PathOf(Guid tenantId, Guid photoId) => FileOf(DataDirectory.Resolve(configuration, environment), tenantId, photoId);

    internal static string FileOf(string dataDirectory, Guid tenantId, Guid photoId) =>
        Path.Combine(dataDirectory, "report-photos", tenantId.ToString(), photoId.ToString());

    private static string Megabytes(long bytes) => (bytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
