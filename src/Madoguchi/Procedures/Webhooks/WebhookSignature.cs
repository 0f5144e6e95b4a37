using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Madoguchi.Procedures.Webhooks;

/// <summary>
/// Standard Webhooks (standardwebhooks.com) signing: the secret is "whsec_" + base64 of 32 random
/// bytes; the signature is "v1," + base64(HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{body}")).
/// Receivers recompute it with the secret shown once at registration (docs/api.md has an example).
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>True when one of the space-separated signatures matches (compared in constant time).</summary>
    public static bool Verify(string secret, string id, long timestamp, string body, string signatureHeader)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, timestamp, body));
        return signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
