using Madoguchi.Platform;
using Madoguchi.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Madoguchi.Counter.Reservations;

/// <summary>Absolute links written into mails and QR codes (the public base URL when configured, else the request's).</summary>
public sealed class CounterLinks(IOptions<PlatformOptions> platform, IHttpContextAccessor http, TenantContext tenant)
{
    public string Base()
    {
        if (platform.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var request = http.HttpContext?.Request;
        return request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public string Reservation(string token) => $"{Base()}/{tenant.Code}/counter/reservations/{token}";

    public string Confirmation(string token) => $"{Base()}/{tenant.Code}/counter/confirm/{token}";

    public string Ticket(string token) => $"{Base()}/{tenant.Code}/counter/tickets/{token}";

    public string Services() => $"{Base()}/{tenant.Code}/counter";
}
