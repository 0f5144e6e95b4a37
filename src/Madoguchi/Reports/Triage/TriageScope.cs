using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.Reports.Triage;

/// <summary>Whose reports a member of staff triages: a Reviewer handles the reports routed to their department (admins: all).</summary>
public static class TriageScope
{
    public static DepartmentScope Of(ClaimsPrincipal user) => DepartmentScope.Of(user, StaffRoleKind.Reviewer);
}
