using System.Security.Cryptography;

namespace Madoguchi.Identity.Signatures.SignApp;

/// <summary>
/// The JWE algorithms (RFC 7518) this installation accepts for the signing result: key management
/// by RSAES-OAEP (§4.3; SHA-256 as "RSA-OAEP-256", SHA-1 as "RSA-OAEP") and content encryption by
/// AES-GCM (§5.3) or AES-CBC with HMAC-SHA-2 (§5.2). RSA1_5 is refused (padding-oracle prone).
/// </summary>
internal static class JweAlgorithms
{
    public const string RsaOaep256 = "RSA-OAEP-256";
    public const string RsaOaep = "RSA-OAEP";
    public const string A128Gcm = "A128GCM";
    public const string A256Gcm = "A256GCM";
    public const string A128CbcHs256 = "A128CBC-HS256";
    public const string A256CbcHs512 = "A256CBC-HS512";

    public static RSAEncryptionPadding? KeyPadding(string? alg) => alg switch
    {
        RsaOaep256 => RSAEncryptionPadding.OaepSHA256,
        RsaOaep => RSAEncryptionPadding.OaepSHA1,
        _ => null,
    };

    /// <summary>What an "enc" value needs: content key, IV and tag lengths in bytes, and whether it is GCM.</summary>
    public sealed record Content(int KeyBytes, int IvBytes, int TagBytes, bool Gcm);

    public static Content? ContentEncryption(string? enc) => enc switch
    {
        A128Gcm => new Content(16, 12, 16, Gcm: true),
        A256Gcm => new Content(32, 12, 16, Gcm: true),
        // §5.2.2: the content key is MAC key || ENC key, the tag the first half of the HMAC.
        A128CbcHs256 => new Content(32, 16, 16, Gcm: false),
        A256CbcHs512 => new Content(64, 16, 32, Gcm: false),
        _ => null,
    };

    /// <summary>RFC 7518 §5.2.2.1: HMAC over AAD || IV || ciphertext || AL (AAD length in bits, 64-bit big-endian), truncated.</summary>
    public static byte[] CbcHmacTag(byte[] macKey, byte[] aad, byte[] iv, byte[] ciphertext, int tagBytes)
    {
        var al = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(al, (ulong)aad.Length * 8);
        byte[] input = [.. aad, .. iv, .. ciphertext, .. al];
        var mac = macKey.Length == 32 ? HMACSHA512.HashData(macKey, input) : HMACSHA256.HashData(macKey, input);
        return mac[..tagBytes];
    }
}
