using System.Security.Cryptography;
using Madoguchi.Platform;
using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Applications;

/// <summary>
/// Keeps uploaded documents on the local file system under the data directory. A file is accepted
/// only when its first bytes match a type the template allows (the browser's content type and the
/// file name are not trusted), and up to <see cref="MaxBytes"/>.
/// </summary>
public sealed class AttachmentStore(MadoguchiDb db, Madoguchi.Platform.Tenancy.TenantContext tenant, IConfiguration configuration, IHostEnvironment environment)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public async Task<string?> SaveAsync(Guid applicationId, TemplateAttachment attachment, IFormFile file, CancellationToken ct)
    {
        if (file.Length == 0)
        {
            return "ファイルが空です。";
        }

        if (file.Length > MaxBytes)
        {
            return "ファイルが大きすぎます。10MB以下にしてください。";
        }

        await using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var sniffed = Sniff(bytes);
        if (sniffed is null || !attachment.Accept.Contains(sniffed))
        {
            return "このファイルの形式は受け付けられません。PDF、JPEG、PNG のうち指定された形式で添付してください。";
        }

        var row = new ApplicationAttachment
        {
            TenantId = tenant.TenantId!.Value, ApplicationId = applicationId, AttachmentKey = attachment.Key, FileName = Path.GetFileName(file.FileName),
            ContentType = sniffed, Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
        var path = PathOf(row);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct);
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return null;
    }

    public string PathOf(ApplicationAttachment row) =>
        Path.Combine(DataDirectory.Resolve(configuration, environment), "attachments", row.TenantId.ToString(), row.ApplicationId.ToString(), row.Id.ToString());

    /// <summary>The type by magic number: %PDF, JPEG SOI, PNG signature.</summary>
    private static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith("%PDF-"u8) ? "application/pdf"
        : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;
}
