using Madoguchi.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Madoguchi.Platform.Staff;

/// <summary>Sends a member of staff to their own municipality, or a platform admin to the platform page.</summary>
[Authorize(Policy = StaffPolicies.Staff)]
public sealed class StaffHomeModel(MadoguchiDb db) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (User.HasClaim(StaffClaimTypes.PlatformAdmin, "true"))
        {
            return LocalRedirect("/admin");
        }

        var tenantId = Guid.Parse(User.FindFirst(StaffClaimTypes.Tenant)!.Value);
        var code = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Code).SingleAsync();
        return LocalRedirect($"/{code}/staff");
    }
}
