namespace Madoguchi.Platform.Tenancy;

/// <summary>
/// Optional host-name mapping: a request to a tenant's own host name without a code in the path
/// is served as <c>/{code}/…</c>, so a city can publish its own address.
/// </summary>
internal sealed class TenantHostMapping(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantDirectory directory)
    {
        var tenant = await directory.FindByHostAsync(context.Request.Host.Host, context.RequestAborted);
        if (tenant is not null)
        {
            var path = context.Request.Path.Value ?? "/";
            var first = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (!MunicipalityCode.IsValid(first) && !IsSharedPath(path))
            {
                context.Request.Path = "/" + tenant.Code + (path == "/" ? "/" : path);
            }
        }

        await next(context);
    }

    private static bool IsSharedPath(string path) =>
        path.StartsWith("/css/", StringComparison.Ordinal) || path.StartsWith("/js/", StringComparison.Ordinal)
        || path.StartsWith("/health", StringComparison.Ordinal) || path.StartsWith("/staff", StringComparison.Ordinal)
        || path.StartsWith("/culture", StringComparison.Ordinal) || path.StartsWith("/dev-idp", StringComparison.Ordinal)
        || path.StartsWith("/signin-oidc", StringComparison.Ordinal) || path.StartsWith("/.well-known/", StringComparison.Ordinal);
}
