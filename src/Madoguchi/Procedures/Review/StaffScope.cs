using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.Procedures.Review;

/// <summary>Whose applications a member of staff may see: their reviewer and approver departments (admins: all).</summary>
public static class StaffScope
{
    public static DepartmentScope Of(ClaimsPrincipal user) => DepartmentScope.Of(user, StaffRoleKind.Reviewer, StaffRoleKind.Approver);
}
