using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter.Reservations;

/// <summary>
/// A booking by a resident without an account waits for proof that they read the address: the
/// request travels, sealed and time-limited, in the link mailed to them, and nothing is held
/// until they open it and confirm. Sealed with the installation's data-protection keys (shared by
/// every node) and bound to the municipality, so a link cannot be forged or moved to another one.
/// </summary>
public sealed class EmailConfirmation(IDataProtectionProvider protection, TenantContext tenant, IOptions<CounterOptions> options, TimeProvider time)
{
    public sealed record Pending(Guid ServiceId, DateTime StartsAtUtc, string Name, string Email);

    private ITimeLimitedDataProtector Protector() =>
        protection.CreateProtector("Madoguchi.Counter.EmailConfirmation", tenant.TenantId!.Value.ToString("D")).ToTimeLimitedDataProtector();

    public string Seal(Pending pending) =>
        Protector().Protect(JsonSerializer.Serialize(pending), time.GetUtcNow() + options.Value.ConfirmationLinkLifetime);

    /// <summary>The request in a link, or null when the link is forged, damaged, expired or of another municipality.</summary>
    public Pending? Open(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<Pending>(Protector().Unprotect(token));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The key that makes the same link book once, however often it is posted.</summary>
    public static string RequestKeyOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
