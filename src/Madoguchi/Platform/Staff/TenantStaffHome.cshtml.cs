using System.Security.Claims;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Madoguchi.Platform.Staff;

[Authorize(Policy = StaffPolicies.TenantStaff)]
public sealed class TenantStaffHomeModel(MadoguchiDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public string DisplayName { get; private set; } = "";
    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        DisplayName = User.FindFirstValue(ClaimTypes.GivenName) ?? "";
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var roles = await db.Set<StaffRole>()
            .Where(r => r.StaffUserId == userId)
            .Select(r => new { r.Role, Department = db.Departments.Where(d => d.Id == r.DepartmentId).Select(d => d.Name).FirstOrDefault() })
            .ToListAsync(ct);
        Roles = roles.Select(r => r.Department is null ? RoleNames.Of(r.Role, l) : $"{r.Department} {RoleNames.Of(r.Role, l)}").ToList();
    }
}

public static class RoleNames
{
    public static string Of(StaffRoleKind role, IStringLocalizer l) => role switch
    {
        StaffRoleKind.TenantAdmin => l["自治体管理者"],
        StaffRoleKind.Reviewer => l["審査担当"],
        StaffRoleKind.Approver => l["決裁者"],
        StaffRoleKind.Publisher => l["オープンデータ公開担当"],
        _ => role.ToString(),
    };
}
