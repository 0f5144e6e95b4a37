using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace Madoguchi.Platform.Staff;

internal sealed record StaffOfRouteTenantRequirement(bool AdminOnly) : IAuthorizationRequirement;

/// <summary>
/// Staff may act only inside their own municipality; tenant admins (and platform admins) may
/// also manage it. That admins used a second factor is enforced by <see cref="AdminSecondFactorMiddleware"/>.
/// </summary>
internal sealed class StaffOfRouteTenantHandler(TenantContext tenant) : AuthorizationHandler<StaffOfRouteTenantRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffOfRouteTenantRequirement requirement)
    {
        var user = context.User;
        if (tenant.TenantId is not { } tenantId || user.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var platformAdmin = user.HasClaim(StaffClaimTypes.PlatformAdmin, "true");
        var ownTenant = user.HasClaim(StaffClaimTypes.Tenant, tenantId.ToString());
        var tenantAdmin = ownTenant && user.HasClaim(StaffClaimTypes.Role, nameof(StaffRoleKind.TenantAdmin));
        var allowed = requirement.AdminOnly ? platformAdmin || tenantAdmin : platformAdmin || ownTenant;
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
