using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Madoguchi.Platform.Protection;

/// <summary>
/// Encrypts files with the municipality's data key as a stream of AES-256-GCM chunks of 64 KiB, so a
/// 10 MB upload or download never sits in memory whole. Layout: "MDGE" 1, key id (16), nonce prefix
/// (8), then chunks of ciphertext + tag. A chunk's nonce is the prefix and its index; its
/// additional data carry the context, the index and whether it is the last, so chunks cannot be
/// reordered, dropped or cut off at the end without the read failing.
/// </summary>
public sealed class FileCipher(TenantKeyRing keys)
{
    public const int ChunkSize = 64 * 1024;
    private const int TagSize = 16;
    private static readonly byte[] Magic = "MDGE\u0001"u8.ToArray();

    /// <summary>Starts an encrypted file: write plaintext chunks with <see cref="Writer.WriteAsync"/>, then <see cref="Writer.CompleteAsync"/>.</summary>
    public async Task<Writer> BeginAsync(Guid tenantId, Stream output, string context, CancellationToken ct)
    {
        var key = await keys.CurrentAsync(tenantId, ct);
        var prefix = RandomNumberGenerator.GetBytes(8);
        await output.WriteAsync(Magic, ct);
        await output.WriteAsync(key.Id.ToByteArray(), ct);
        await output.WriteAsync(prefix, ct);
        return new Writer(new AesGcm(key.Bytes, TagSize), prefix, Aad(tenantId, context), output);
    }

    /// <summary>Buffers plaintext into full chunks; only the last chunk may be short (even empty).</summary>
    public sealed class Writer(AesGcm aes, byte[] prefix, byte[] context, Stream output) : IAsyncDisposable
    {
        private readonly byte[] _plain = new byte[ChunkSize];
        private readonly byte[] _cipher = new byte[ChunkSize + TagSize];
        private int _filled;
        private uint _index;

        public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
        {
            while (data.Length > 0)
            {
                if (_filled == ChunkSize)
                {
                    await FlushChunkAsync(last: false, ct);
                }

                var take = Math.Min(ChunkSize - _filled, data.Length);
                data[..take].CopyTo(_plain.AsMemory(_filled));
                _filled += take;
                data = data[take..];
            }
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            // A full chunk is never the last one: the reader tells the end by a short chunk.
            if (_filled == ChunkSize)
            {
                await FlushChunkAsync(last: false, ct);
            }

            await FlushChunkAsync(last: true, ct);
        }

        private async Task FlushChunkAsync(bool last, CancellationToken ct)
        {
            Seal(_index++, last);
            await output.WriteAsync(_cipher.AsMemory(0, _filled + TagSize), ct);
            _filled = 0;
        }

        private void Seal(uint index, bool last) =>
            aes.Encrypt(Nonce(prefix, index), _plain.AsSpan(0, _filled), _cipher.AsSpan(0, _filled), _cipher.AsSpan(_filled, TagSize), ChunkAad(context, index, last));

        public ValueTask DisposeAsync()
        {
            aes.Dispose();
            CryptographicOperations.ZeroMemory(_plain);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Decrypts chunk by chunk into <paramref name="output"/>; a changed, reordered or truncated file throws <see cref="CryptographicException"/>.</summary>
    public async Task DecryptAsync(Guid tenantId, Stream input, Stream output, string context, CancellationToken ct)
    {
        var header = new byte[Magic.Length + 16 + 8];
        await input.ReadExactlyAsync(header, ct);
        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CryptographicException("Not an encrypted file.");
        }

        var key = await keys.FindAsync(tenantId, new Guid(header.AsSpan(Magic.Length, 16)), ct);
        var prefix = header[(Magic.Length + 16)..];
        var aad = Aad(tenantId, context);
        using var aes = new AesGcm(key.Bytes, TagSize);
        var cipher = new byte[ChunkSize + TagSize];
        var plain = new byte[ChunkSize];
        for (uint index = 0; ; index++)
        {
            var read = await input.ReadAtLeastAsync(cipher, cipher.Length, throwOnEndOfStream: false, ct);
            if (read < TagSize)
            {
                throw new CryptographicException("The encrypted file is cut short.");
            }

            // The writer never ends on a full chunk, so a short read is the last chunk.
            var last = read < cipher.Length;
            var length = read - TagSize;
            aes.Decrypt(Nonce(prefix, index), cipher.AsSpan(0, length), cipher.AsSpan(length, TagSize), plain.AsSpan(0, length), ChunkAad(aad, index, last));
            await output.WriteAsync(plain.AsMemory(0, length), ct);
            if (last)
            {
                return;
            }
        }
    }

    private static byte[] Nonce(byte[] prefix, uint index)
    {
        var nonce = new byte[12];
        prefix.CopyTo(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce.AsSpan(8), index);
        return nonce;
    }

    private static byte[] ChunkAad(byte[] context, uint index, bool last)
    {
        var aad = new byte[context.Length + 5];
        context.CopyTo(aad, 0);
        BinaryPrimitives.WriteUInt32BigEndian(aad.AsSpan(context.Length), index);
        aad[^1] = last ? (byte)1 : (byte)0;
        return aad;
    }

    private static byte[] Aad(Guid tenantId, string context) => [.. tenantId.ToByteArray(), .. Encoding.UTF8.GetBytes(context)];
}
