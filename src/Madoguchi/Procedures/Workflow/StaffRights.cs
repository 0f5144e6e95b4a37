using Madoguchi.Platform.Data;
using Madoguchi.Platform.Staff;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Procedures.Workflow;

/// <summary>A member of staff as a case page names them; the address tells two of the same name apart.</summary>
public sealed record StaffMember(Guid Id, string Name, string Email)
{
    public string Label => Email.Length > 0 ? $"{Name}（{Email}）" : Name;
}

/// <summary>
/// What a member of staff may do with the cases of a department, read from their current roles (so a
/// revoked role stops an API call as well as a page): reviewers assign, note, ask for corrections and
/// write to the resident; approvers and the municipality's admins also decide.
/// </summary>
public sealed record StaffRights(Guid StaffId, bool TenantAdmin, IReadOnlySet<Guid> Reviews, IReadOnlySet<Guid> Approves)
{
    public bool CanWork(Guid department) => TenantAdmin || Reviews.Contains(department) || Approves.Contains(department);

    public bool CanDecide(Guid department) => TenantAdmin || Approves.Contains(department);

    /// <summary>The roles in the current municipality (the tenant filter applies); none for a platform admin.</summary>
    public static async Task<StaffRights> LoadAsync(MadoguchiDb db, Guid staffId, CancellationToken ct)
    {
        var roles = await db.Set<StaffRole>().Where(r => r.StaffUserId == staffId)
            .Select(r => new { r.Role, r.DepartmentId }).ToListAsync(ct);
        HashSet<Guid> Of(StaffRoleKind kind) => roles.Where(r => r.Role == kind && r.DepartmentId is not null).Select(r => r.DepartmentId!.Value).ToHashSet();
        return new StaffRights(staffId, roles.Any(r => r.Role == StaffRoleKind.TenantAdmin), Of(StaffRoleKind.Reviewer), Of(StaffRoleKind.Approver));
    }

    /// <summary>Staff who may be given a case of the department: its reviewers and approvers.</summary>
    public static async Task<IReadOnlyList<StaffMember>> AssigneesAsync(MadoguchiDb db, Guid department, CancellationToken ct)
    {
        var ids = db.Set<StaffRole>()
            .Where(r => r.DepartmentId == department && (r.Role == StaffRoleKind.Reviewer || r.Role == StaffRoleKind.Approver))
            .Select(r => r.StaffUserId);
        var rows = await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new StaffMember(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(ct);
        return rows;
    }
}
