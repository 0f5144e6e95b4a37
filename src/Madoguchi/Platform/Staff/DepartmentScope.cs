using System.Security.Claims;

namespace Madoguchi.Platform.Staff;

/// <summary>
/// The departments whose work a member of staff may see, from their role claims: every department
/// where they hold one of the given roles; municipality and platform admins see all of the
/// municipality. Feature modules decide which roles count (review: reviewers and approvers; report
/// triage: reviewers).
/// </summary>
public sealed record DepartmentScope(bool All, IReadOnlySet<Guid> Departments)
{
    public static DepartmentScope Of(ClaimsPrincipal user, params StaffRoleKind[] roles)
    {
        if (user.HasClaim(StaffClaimTypes.PlatformAdmin, "true") || user.HasClaim(StaffClaimTypes.Role, nameof(StaffRoleKind.TenantAdmin)))
        {
            return new DepartmentScope(true, new HashSet<Guid>());
        }

        var names = roles.Select(r => r.ToString()).ToHashSet();
        var departments = user.FindAll(StaffClaimTypes.Role)
            .Select(c => c.Value.Split(':'))
            .Where(p => p.Length == 2 && names.Contains(p[0]) && Guid.TryParse(p[1], out _))
            .Select(p => Guid.Parse(p[1]))
            .ToHashSet();
        return new DepartmentScope(false, departments);
    }

    public bool Covers(Guid departmentId) => All || Departments.Contains(departmentId);
}
