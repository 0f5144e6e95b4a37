using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Madoguchi.Identity.Signatures.SignApp;

/// <summary>
/// Opens a JWE in compact serialization (RFC 7516 §7.1) addressed to this installation's result
/// key: five base64url parts, a protected header naming an accepted alg/enc (and, when it names a
/// kid, ours), the content key unwrapped with RSA-OAEP, the content decrypted and its tag checked
/// with the ASCII of the encoded protected header as additional authenticated data (§5.2).
/// Each way it can fail is its own <see cref="Problem"/>, never an exception.
/// </summary>
internal static class JweDecryptor
{
    public enum Problem
    {
        None,
        Malformed,
        UnsupportedAlgorithm,
        WrongKeyId,
        OtherKey,
        TagMismatch,
    }

    public sealed record Result(Problem Problem, byte[]? Plaintext, string? Detail = null);

    public static Result Decrypt(string compact, RSA key, string keyId)
    {
        var parts = compact.Trim().Split('.');
        if (parts.Length != 5)
        {
            return Fail(Problem.Malformed, $"{parts.Length} parts instead of 5");
        }

        var header = ReadHeader(parts[0]);
        if (header is null)
        {
            return Fail(Problem.Malformed, "protected header is not a base64url JSON object");
        }

        var alg = Text(header, "alg");
        var enc = Text(header, "enc");
        var padding = JweAlgorithms.KeyPadding(alg);
        var content = JweAlgorithms.ContentEncryption(enc);
        // zip would need inflating an attacker-sized payload; crit names extensions we do not know.
        if (padding is null || content is null || header.ContainsKey("zip") || header.ContainsKey("crit"))
        {
            return Fail(Problem.UnsupportedAlgorithm, $"alg {alg}, enc {enc}");
        }

        if (header.ContainsKey("kid") && Text(header, "kid") != keyId)
        {
            return Fail(Problem.WrongKeyId, $"kid {Text(header, "kid")}");
        }

        var encryptedKey = Decode(parts[1]);
        var iv = Decode(parts[2]);
        var ciphertext = Decode(parts[3]);
        var tag = Decode(parts[4]);
        if (encryptedKey is null || iv is null || ciphertext is null || tag is null
            || iv.Length != content.IvBytes || tag.Length != content.TagBytes || encryptedKey.Length != key.KeySize / 8)
        {
            return Fail(Problem.Malformed, "a part is not base64url or has the wrong length for the algorithms");
        }

        byte[] cek;
        try
        {
            cek = key.Decrypt(encryptedKey, padding);
        }
        catch (CryptographicException)
        {
            return Fail(Problem.OtherKey, "the content key does not unwrap with our key");
        }

        if (cek.Length != content.KeyBytes)
        {
            return Fail(Problem.OtherKey, $"content key of {cek.Length} bytes for {enc}");
        }

        var aad = Encoding.ASCII.GetBytes(parts[0]);
        return content.Gcm ? OpenGcm(cek, iv, ciphertext, tag, aad) : OpenCbcHmac(cek, iv, ciphertext, tag, aad, content.TagBytes);
    }

    private static Result OpenGcm(byte[] cek, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad)
    {
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var gcm = new AesGcm(cek, tag.Length);
            gcm.Decrypt(iv, ciphertext, tag, plaintext, aad);
            return new Result(Problem.None, plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return Fail(Problem.TagMismatch, "AES-GCM tag does not match");
        }
    }

    private static Result OpenCbcHmac(byte[] cek, byte[] iv, byte[] ciphertext, byte[] tag, byte[] aad, int tagBytes)
    {
        var half = cek.Length / 2;
        var expected = JweAlgorithms.CbcHmacTag(cek[..half], aad, iv, ciphertext, tagBytes);
        // The tag is checked before any decryption, so a padding error can never be told apart from a bad tag.
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return Fail(Problem.TagMismatch, "HMAC tag does not match");
        }

        try
        {
            using var aes = Aes.Create();
            aes.Key = cek[half..];
            return new Result(Problem.None, aes.DecryptCbc(ciphertext, iv, PaddingMode.PKCS7));
        }
        catch (CryptographicException)
        {
            return Fail(Problem.Malformed, "authenticated ciphertext with bad padding");
        }
    }

    private static JsonObject? ReadHeader(string encoded)
    {
        if (Decode(encoded) is not { } bytes)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject header, string name) =>
        header[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Strict base64url (RFC 7515 §2): the URL-safe alphabet and no padding.</summary>
    private static byte[]? Decode(string part)
    {
        if (part.Contains('=') || part.Contains('+') || part.Contains('/'))
        {
            return null;
        }

        try
        {
            return Base64Url.DecodeFromChars(part);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Result Fail(Problem problem, string detail) => new(problem, null, detail);
}
