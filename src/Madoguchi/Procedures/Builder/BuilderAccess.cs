using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// Who may build forms: the municipality's tenant admins (every department), and the 決裁者
/// (Approver) of a department for that department's procedures, because the approver answers for
/// what the department asks residents. Reviewers only read applications; platform admins run the
/// installation and do not author a municipality's forms.
/// </summary>
public static class BuilderAccess
{
    public static bool IsTenantAdmin(ClaimsPrincipal user) => user.HasClaim(StaffClaimTypes.Role, nameof(StaffRoleKind.TenantAdmin));

    public static IReadOnlySet<Guid> ApproverDepartments(ClaimsPrincipal user) =>
        user.FindAll(StaffClaimTypes.Role)
            .Select(c => c.Value.Split(':'))
            .Where(p => p.Length == 2 && p[0] == nameof(StaffRoleKind.Approver) && Guid.TryParse(p[1], out _))
            .Select(p => Guid.Parse(p[1]))
            .ToHashSet();

    public static bool MayBuild(ClaimsPrincipal user) => IsTenantAdmin(user) || ApproverDepartments(user).Count > 0;

    public static bool CanEdit(ClaimsPrincipal user, Guid departmentId) => IsTenantAdmin(user) || ApproverDepartments(user).Contains(departmentId);

    public static Guid? StaffId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
