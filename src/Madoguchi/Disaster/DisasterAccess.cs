using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Disaster;

/// <summary>
/// Who does disaster work in a municipality: staff holding any role in its 危機管理課 (the
/// department chosen in the settings, else the first whose name says 危機 or 防災) compose notices,
/// keep areas and shelters and run safety checks; its 決裁者 (Approver) approve notices; the
/// municipality's admins may do everything.
/// </summary>
public sealed class DisasterAccess(MadoguchiDb db)
{
    /// <summary>The municipality's settings (unsaved defaults when it has none yet).</summary>
    public async Task<DisasterSettings> SettingsAsync(CancellationToken ct)
    {
        var settings = await db.Set<DisasterSettings>().SingleOrDefaultAsync(ct);
        if (settings is not null)
        {
            return settings;
        }

        var guess = await db.Departments.Where(d => d.Name.Contains("危機") || d.Name.Contains("防災"))
            .OrderBy(d => d.SortOrder).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        return new DisasterSettings { DepartmentId = guess };
    }

    public static bool IsStaff(ClaimsPrincipal user, DisasterSettings settings) =>
        Covers(DepartmentScope.Of(user, StaffRoleKind.Reviewer, StaffRoleKind.Approver, StaffRoleKind.Publisher), settings);

    public static bool IsApprover(ClaimsPrincipal user, DisasterSettings settings) =>
        Covers(DepartmentScope.Of(user, StaffRoleKind.Approver), settings);

    public static bool IsAdmin(ClaimsPrincipal user) => DepartmentScope.Of(user).All;

    private static bool Covers(DepartmentScope scope, DisasterSettings settings) =>
        scope.All || (settings.DepartmentId is { } d && scope.Covers(d));
}
