using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Madoguchi.Identity.Account;

/// <summary>Ends the resident's session here (POST with antiforgery, so a link elsewhere cannot sign anyone out).</summary>
/// <remarks>Under the resident policy so that the antiforgery token is checked against the resident who got it.</remarks>
[Authorize(Policy = ResidentPolicies.Resident)]
public sealed class LogoutModel(TenantContext tenant) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(IdentityModule.ResidentScheme);
        return Redirect($"/{tenant.Code}/");
    }
}
