using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.Procedures.Review;

/// <summary>
/// Which departments' applications a member of staff may see: their reviewer and approver
/// departments; municipality and platform admins see all of the municipality.
/// </summary>
public sealed record StaffScope(bool All, IReadOnlySet<Guid> Departments)
{
    public static StaffScope Of(ClaimsPrincipal user)
    {
        if (user.HasClaim(StaffClaimTypes.PlatformAdmin, "true") || user.HasClaim(StaffClaimTypes.Role, nameof(StaffRoleKind.TenantAdmin)))
        {
            return new StaffScope(true, new HashSet<Guid>());
        }

        var departments = user.FindAll(StaffClaimTypes.Role)
            .Select(c => c.Value.Split(':'))
            .Where(p => p.Length == 2 && p[0] is nameof(StaffRoleKind.Reviewer) or nameof(StaffRoleKind.Approver) && Guid.TryParse(p[1], out _))
            .Select(p => Guid.Parse(p[1]))
            .ToHashSet();
        return new StaffScope(false, departments);
    }
}
