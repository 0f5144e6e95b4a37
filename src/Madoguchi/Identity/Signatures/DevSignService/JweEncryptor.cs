using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Madoguchi.Identity.Signatures.SignApp;

namespace Madoguchi.Identity.Signatures.DevSignService;

/// <summary>
/// The local signing service's side of the result envelope: a JWE in compact serialization
/// (RFC 7516) to the relying party's registered encryption key, as the national service sends it.
/// A fresh content key and IV per message; the encoded protected header is the AAD.
/// </summary>
internal static class JweEncryptor
{
    public static string Encrypt(byte[] payload, RSA recipient, string? keyId, string alg = JweAlgorithms.RsaOaep256, string enc = JweAlgorithms.A256Gcm)
    {
        var content = JweAlgorithms.ContentEncryption(enc) ?? throw new ArgumentException($"enc {enc} is not supported", nameof(enc));
        var header = new JsonObject { ["alg"] = alg, ["enc"] = enc, ["cty"] = "application/json" };
        if (keyId is not null)
        {
            header["kid"] = keyId;
        }

        var protectedHeader = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var cek = RandomNumberGenerator.GetBytes(content.KeyBytes);
        // RSA1_5 is only ever written here, to show that the relying party refuses it.
        var padding = JweAlgorithms.KeyPadding(alg) ?? RSAEncryptionPadding.Pkcs1;
        var encryptedKey = recipient.Encrypt(cek, padding);
        var iv = RandomNumberGenerator.GetBytes(content.IvBytes);
        var aad = Encoding.ASCII.GetBytes(protectedHeader);
        byte[] ciphertext;
        byte[] tag;
        if (content.Gcm)
        {
            ciphertext = new byte[payload.Length];
            tag = new byte[content.TagBytes];
            using var gcm = new AesGcm(cek, content.TagBytes);
            gcm.Encrypt(iv, payload, ciphertext, tag, aad);
        }
        else
        {
            var half = cek.Length / 2;
            using var aes = Aes.Create();
            aes.Key = cek[half..];
            ciphertext = aes.EncryptCbc(payload, iv, PaddingMode.PKCS7);
            tag = JweAlgorithms.CbcHmacTag(cek[..half], aad, iv, ciphertext, content.TagBytes);
        }

        return string.Join('.', protectedHeader, Base64Url.EncodeToString(encryptedKey), Base64Url.EncodeToString(iv),
            Base64Url.EncodeToString(ciphertext), Base64Url.EncodeToString(tag));
    }
}
