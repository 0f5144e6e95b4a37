using Madoguchi.Platform;
using Madoguchi.Platform.Tenancy;
using Microsoft.Extensions.Options;

namespace Madoguchi.Reports.Reporting;

/// <summary>Absolute links written into mails (the public base URL when configured, else the request's).</summary>
public sealed class ReportLinks(IOptions<PlatformOptions> platform, IHttpContextAccessor http, TenantContext tenant)
{
    private string Base()
    {
        if (platform.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var request = http.HttpContext?.Request;
        return request is null ? "" : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }

    public string Report(Guid id) => $"{Base()}/{tenant.Code}/reports/{id}";

    public string Follower(string token) => $"{Base()}/{tenant.Code}/reports/followers/{token}";
}
