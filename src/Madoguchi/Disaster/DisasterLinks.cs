using Madoguchi.Platform;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Madoguchi.Disaster;

/// <summary>
/// Absolute links written into messages. The unsubscribe link carries the subscriber id sealed by
/// Data Protection (keys shared by every node through the database), so each message can carry
/// one without storing a token the dispatcher would need to read back.
/// </summary>
public sealed class DisasterLinks(IOptions<PlatformOptions> platform, IHttpContextAccessor http, IDataProtectionProvider protection)
{
    private readonly IDataProtector _unsubscribe = protection.CreateProtector("Madoguchi.Disaster.Unsubscribe");

    public string Base()
    {
        if (platform.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var request = http.HttpContext?.Request;
        return request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public string Manage(string code, string token) => $"{Base()}/{code}/disaster/subscription/{token}";

    public string Unsubscribe(string linkBase, string code, Guid subscriberId) =>
        $"{linkBase}/{code}/disaster/unsubscribe/{WebEncoders.Base64UrlEncode(_unsubscribe.Protect(subscriberId.ToByteArray()))}";

    /// <summary>The subscriber an unsubscribe token names, or null for a token this installation did not make.</summary>
    public Guid? SubscriberOf(string token)
    {
        try
        {
            var bytes = _unsubscribe.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
