using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Madoguchi.Platform.Tenancy;

/// <summary>
/// Resolves <c>{tenant}</c> from the route into <see cref="TenantContext"/>. A well-formed code
/// that names no municipality of this installation answers 404 before any page runs.
/// </summary>
internal sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, TenantContext tenant, TenantDirectory directory)
    {
        if (context.GetRouteValue("tenant") is string code)
        {
            var found = await directory.FindByCodeAsync(code, context.RequestAborted);
            if (found is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            tenant.Set(found.Id, found.Code, found.Name, found.NameEn);
        }

        await next(context);
    }
}

/// <summary>Looks tenants up by code or host name, with a short cache: tenants change rarely.</summary>
public sealed class TenantDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public sealed record Entry(Guid Id, string Code, string Name, string NameEn, string? HostName);

    public async Task<Entry?> FindByCodeAsync(string code, CancellationToken ct)
    {
        var all = await AllAsync(ct);
        return all.FirstOrDefault(t => t.Code == code);
    }

    public async Task<Entry?> FindByHostAsync(string host, CancellationToken ct)
    {
        var all = await AllAsync(ct);
        return all.FirstOrDefault(t => string.Equals(t.HostName, host, StringComparison.OrdinalIgnoreCase));
    }

    public async Task<IReadOnlyList<Entry>> AllAsync(CancellationToken ct) =>
        await cache.GetOrCreateAsync("tenants", async e =>
        {
            e.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MadoguchiDb>();
            return (IReadOnlyList<Entry>)await db.Tenants.OrderBy(t => t.Code)
                .Select(t => new Entry(t.Id, t.Code, t.Name, t.NameEn, t.HostName)).ToListAsync(ct);
        }) ?? [];

    public void Invalidate() => cache.Remove("tenants");
}
