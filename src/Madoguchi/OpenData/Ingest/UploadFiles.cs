using System.Security.Cryptography;
using Madoguchi.Platform;

namespace Madoguchi.OpenData.Ingest;

/// <summary>Where original uploads live: the data directory, one file per upload, never changed after it is written.</summary>
public sealed class UploadFiles(IConfiguration configuration, IHostEnvironment environment)
{
    public string PathOf(Guid tenantId, Guid uploadId) =>
        Path.Combine(DataDirectory.Resolve(configuration, environment), "opendata", tenantId.ToString(), uploadId.ToString());

    /// <summary>
    /// Streams the upload to its file (never whole in memory) and returns size, SHA-256 (CKAN's hash,
    /// the download's ETag) and SHA-1 (DCAT-AP 2.1.1 allows only SHA-1 in spdx:checksum), both in one pass.
    /// </summary>
    public async Task<(long Size, string Sha256, string Sha1)> SaveAsync(Guid tenantId, Guid uploadId, Stream source, CancellationToken ct)
    {
        var path = PathOf(tenantId, uploadId);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        var buffer = new byte[1 << 16];
        long size = 0;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, n);
                sha1.AppendData(buffer, 0, n);
                await target.WriteAsync(buffer.AsMemory(0, n), ct);
                size += n;
            }
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()), Convert.ToHexStringLower(sha1.GetHashAndReset()));
    }
}
