using System.Security.Cryptography;
using System.Text;

namespace Madoguchi.Platform.Protection;

/// <summary>
/// Encrypts single values (a 個人番号, an account number) with the municipality's data key:
/// AES-256-GCM, written as <c>enc:v1:{key id}:{base64 of nonce, tag, ciphertext}</c>. The key id lets
/// keys rotate; the context (e.g. the application's id) is authenticated, so a value copied into
/// another record does not open.
/// </summary>
public sealed class FieldCipher(TenantKeyRing keys)
{
    public const string Prefix = "enc:v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static bool IsSealed(string? value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<string> SealAsync(Guid tenantId, string plaintext, string context, CancellationToken ct)
    {
        var key = await keys.CurrentAsync(tenantId, ct);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Aad(tenantId, context));
        return $"{Prefix}{key.Id:N}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The plaintext of a sealed value; a value that is not sealed (older data) is returned as it is.</summary>
    public async Task<string> OpenAsync(Guid tenantId, string value, string context, CancellationToken ct)
    {
        if (!IsSealed(value))
        {
            return value;
        }

        var parts = value[Prefix.Length..].Split(':', 2);
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var keyId))
        {
            throw new CryptographicException("Not a sealed value.");
        }

        var key = await keys.FindAsync(tenantId, keyId, ct);
        var sealedBytes = Convert.FromBase64String(parts[1]).AsSpan();
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, Aad(tenantId, context));
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] Aad(Guid tenantId, string context) => [.. tenantId.ToByteArray(), .. Encoding.UTF8.GetBytes(context)];
}
