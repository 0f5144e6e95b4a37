using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.Payments.Refunds;

/// <summary>
/// Who may do what with payments: reviewers and approvers of the department that charged the fee
/// see its payments, record counter payments and ask for refunds; only an approver (決裁者) of that
/// department, or a municipality admin, approves a refund — and never their own request.
/// </summary>
public static class PaymentsAccess
{
    public static DepartmentScope Handling(ClaimsPrincipal user) => DepartmentScope.Of(user, StaffRoleKind.Reviewer, StaffRoleKind.Approver);

    public static DepartmentScope Approving(ClaimsPrincipal user) => DepartmentScope.Of(user, StaffRoleKind.Approver);

    public static Guid StaffId(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
}
