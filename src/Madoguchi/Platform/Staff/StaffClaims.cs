using System.Security.Claims;
using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Madoguchi.Platform.Staff;

/// <summary>Claim types carried in the staff cookie.</summary>
public static class StaffClaimTypes
{
    public const string Tenant = "madoguchi:tenant";
    public const string PlatformAdmin = "madoguchi:platform-admin";
    /// <summary>Value "TenantAdmin" or "{Role}:{departmentId}".</summary>
    public const string Role = "madoguchi:role";
}

/// <summary>Puts tenant, platform-admin flag and department-scoped roles into the staff cookie.</summary>
internal sealed class StaffClaimsFactory(
    UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options, MadoguchiDb db)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AuditActor.ActorKindClaim, "staff"));
        identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        if (user.IsPlatformAdmin)
        {
            identity.AddClaim(new Claim(StaffClaimTypes.PlatformAdmin, "true"));
        }

        if (user.TenantId is { } tenantId)
        {
            identity.AddClaim(new Claim(StaffClaimTypes.Tenant, tenantId.ToString()));
            var granted = await db.Set<StaffRole>().IgnoreQueryFilters()
                .Where(r => r.StaffUserId == user.Id && r.TenantId == tenantId)
                .Select(r => new { r.Role, r.DepartmentId })
                .ToListAsync();
            foreach (var g in granted)
            {
                identity.AddClaim(new Claim(StaffClaimTypes.Role,
                    g.DepartmentId is { } d ? $"{g.Role}:{d}" : g.Role.ToString()));
            }
        }

        return identity;
    }
}
