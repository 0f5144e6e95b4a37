using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.Payments.Reconciliation;

/// <summary>Reconciliation is the accounting office's (会計課) work: its reviewers and approvers, and municipality admins.</summary>
public static class ReconciliationAccess
{
    public const string AccountingDepartment = "会計課";

    public static bool Allowed(ClaimsPrincipal user, IEnumerable<(Guid Id, string Name)> departments)
    {
        var scope = DepartmentScope.Of(user, StaffRoleKind.Reviewer, StaffRoleKind.Approver);
        return scope.All || departments.Any(d => d.Name == AccountingDepartment && scope.Covers(d.Id));
    }
}
