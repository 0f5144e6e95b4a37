using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.Reports.Triage;

/// <summary>
/// Whose reports a member of staff triages: a Reviewer of a department handles the reports routed
/// to it; municipality and platform admins see all of the municipality.
/// </summary>
public sealed record TriageScope(bool All, IReadOnlySet<Guid> Departments)
{
    public static TriageScope Of(ClaimsPrincipal user)
    {
        if (user.HasClaim(StaffClaimTypes.PlatformAdmin, "true") || user.HasClaim(StaffClaimTypes.Role, nameof(StaffRoleKind.TenantAdmin)))
        {
            return new TriageScope(true, new HashSet<Guid>());
        }

        var departments = user.FindAll(StaffClaimTypes.Role)
            .Select(c => c.Value.Split(':'))
            .Where(p => p.Length == 2 && p[0] == nameof(StaffRoleKind.Reviewer) && Guid.TryParse(p[1], out _))
            .Select(p => Guid.Parse(p[1]))
            .ToHashSet();
        return new TriageScope(false, departments);
    }

    public bool Covers(Guid departmentId) => All || Departments.Contains(departmentId);
}
