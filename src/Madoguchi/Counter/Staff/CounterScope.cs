using System.Security.Claims;
using Madoguchi.Counter.Services;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Counter.Staff;

/// <summary>
/// Counter staff act for their own departments: a department's reviewers and approvers run its
/// services (bookings, tickets, settings); municipality admins run every service.
/// </summary>
public static class CounterScope
{
    public static DepartmentScope Of(ClaimsPrincipal user) => DepartmentScope.Of(user, StaffRoleKind.Reviewer, StaffRoleKind.Approver);

    /// <summary>The service with this code if the member of staff may run it.</summary>
    public static async Task<CounterService?> ServiceAsync(MadoguchiDb db, ClaimsPrincipal user, string code, CancellationToken ct)
    {
        var service = await db.Set<CounterService>().SingleOrDefaultAsync(s => s.Code == code, ct);
        return service is not null && Of(user).Covers(service.DepartmentId) ? service : null;
    }
}
