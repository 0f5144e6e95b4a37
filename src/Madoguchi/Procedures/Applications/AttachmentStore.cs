using System.Security.Cryptography;
using Madoguchi.Platform;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Protection;
using Madoguchi.Procedures.Templates;

namespace Madoguchi.Procedures.Applications;

/// <summary>
/// Keeps uploaded documents on the local file system under the data directory, encrypted with the
/// municipality's data key (<see cref="FileCipher"/>): a file copied off the disk opens nothing. A
/// file is accepted only when its first bytes match a type the template allows (the browser's
/// content type and the file name are not trusted), and up to <see cref="MaxBytes"/>. Uploads are
/// streamed through in chunks, never held whole in memory.
/// </summary>
public sealed class AttachmentStore(MadoguchiDb db, Madoguchi.Platform.Tenancy.TenantContext tenant, FileCipher cipher, IConfiguration configuration, IHostEnvironment environment)
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

        await using var input = file.OpenReadStream();
        var buffer = new byte[FileCipher.ChunkSize];
        var read = await input.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var sniffed = Sniff(buffer.AsSpan(0, read));
        if (sniffed is null || !attachment.Accept.Contains(sniffed))
        {
            return "このファイルの形式は受け付けられません。PDF、JPEG、PNG のうち指定された形式で添付してください。";
        }

        var row = new ApplicationAttachment
        {
            TenantId = tenant.TenantId!.Value, ApplicationId = applicationId, AttachmentKey = attachment.Key, FileName = Path.GetFileName(file.FileName),
            ContentType = sniffed, Sha256 = "",
        };
        var path = PathOf(row);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            await using (var writer = await cipher.BeginAsync(row.TenantId, output, ContextOf(row), ct))
            {
                for (; read > 0; read = await input.ReadAsync(buffer, ct))
                {
                    hash.AppendData(buffer, 0, read);
                    row.Size += read;
                    await writer.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                await writer.CompleteAsync(ct);
                await output.FlushAsync(ct);
            }

            row.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return null;
    }

    /// <summary>Writes the original bytes of a stored attachment to <paramref name="output"/>, decrypting as it goes.</summary>
    public async Task CopyToAsync(ApplicationAttachment row, Stream output, CancellationToken ct)
    {
        await using var input = new FileStream(PathOf(row), FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await cipher.DecryptAsync(row.TenantId, input, output, ContextOf(row), ct);
    }

    public string PathOf(ApplicationAttachment row) =>
        Path.Combine(DataDirectory.Resolve(configuration, environment), "attachments", row.TenantId.ToString(), row.ApplicationId.ToString(), row.Id.ToString());

    /// <summary>A file opens only as the attachment it was stored as (moving it under another row fails).</summary>
    private static string ContextOf(ApplicationAttachment row) => $"attachment:{row.ApplicationId}:{row.Id}";

    /// <summary>The type by magic number: %PDF, JPEG SOI, PNG signature.</summary>
    private static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith("%PDF-"u8) ? "application/pdf"
        : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : b.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }) ? "image/png"
        : null;
}
