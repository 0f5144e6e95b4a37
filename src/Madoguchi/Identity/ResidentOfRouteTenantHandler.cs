using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace Madoguchi.Identity;

/// <summary>Policy names other modules use to require a signed-in resident of the route's municipality.</summary>
public static class ResidentPolicies
{
    public const string Resident = Platform.Residents.SignedInResident.Policy;
}

internal sealed class ResidentOfRouteTenantRequirement : IAuthorizationRequirement;

/// <summary>
/// A resident cookie belongs to one municipality: at another one the resident is simply not signed
/// in, so the challenge sends them to that municipality's sign-in.
/// </summary>
internal sealed class ResidentOfRouteTenantHandler(TenantContext tenant) : AuthorizationHandler<ResidentOfRouteTenantRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ResidentOfRouteTenantRequirement requirement)
    {
        if (tenant.TenantId is { } id
            && context.User.HasClaim(c => c.Type == Platform.Audit.AuditActor.ActorKindClaim && c.Value == "resident")
            && context.User.HasClaim(ResidentClaims.TenantId, id.ToString()))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
