using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Madoguchi.Payments.Stripe;

/// <summary>
/// The <c>Stripe-Signature</c> header: <c>t=timestamp,v1=hex(HMAC-SHA256(secret, "t.payload"))</c>,
/// possibly several v1 during a secret roll. A timestamp outside the tolerance is refused, so a
/// delivery captured off the wire cannot be replayed later.
/// </summary>
public static class StripeSignature
{
    public const string Header = "Stripe-Signature";

    public enum Check
    {
        Valid,
        Missing,
        Mismatch,
        TooOld,
    }

    public static string Sign(string payload, string secret, long timestamp) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Compute(payload, secret, timestamp)}";

    public static Check Verify(string payload, string? header, string secret, DateTimeOffset now, int toleranceSeconds)
    {
        if (string.IsNullOrEmpty(header))
        {
            return Check.Missing;
        }

        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var (key, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1")
            {
                signatures.Add(value);
            }
        }

        if (timestamp is not { } ts || signatures.Count == 0)
        {
            return Check.Missing;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(payload, secret, ts));
        if (!signatures.Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected)))
        {
            return Check.Mismatch;
        }

        return Math.Abs(now.ToUnixTimeSeconds() - ts) > toleranceSeconds ? Check.TooOld : Check.Valid;
    }

    private static string Compute(string payload, string secret, long timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + payload)));
}
