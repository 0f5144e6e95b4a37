using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster.DisasterMode;

/// <summary>
/// In 災害モード the municipality's front page (/{code}) is served by the light disaster page
/// instead: same address, no redirect (one round trip less on a weak connection, and bookmarks and
/// QR codes on posters keep working). Every other page stays as it is.
/// </summary>
internal sealed class DisasterFrontPage(RequestDelegate next, EndpointDataSource endpoints)
{
    private const string FrontPage = "{tenant:municipality}";
    private const string DisasterPage = "{tenant:municipality}/disaster";

    public async Task InvokeAsync(HttpContext context, TenantContext tenant, MadoguchiDb db)
    {
        if (tenant.IsResolved && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: FrontPage }
            && await db.Set<DisasterSettings>().AnyAsync(s => s.DisasterMode, context.RequestAborted))
        {
            var page = endpoints.Endpoints.OfType<RouteEndpoint>().FirstOrDefault(e => e.RoutePattern.RawText == DisasterPage);
            if (page is not null)
            {
                context.SetEndpoint(page);
            }
        }

        await next(context);
    }
}
