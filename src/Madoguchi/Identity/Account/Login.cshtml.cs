using Madoguchi.Platform.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Account;

/// <summary>Starts sign-in with the My Number card: a plain GET link, so it works without JavaScript.</summary>
public sealed class LoginModel(TenantContext tenant, IOptions<ResidentIdentityOptions> options) : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        if (!options.Value.CardSignInAvailable)
        {
            return Redirect(ResidentOidcEvents.SignInErrorUrl(tenant.Code, "not-configured"));
        }

        var home = $"/{tenant.Code}/";
        // Only a local path inside this municipality: the flow must come back where it started.
        var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith(home, StringComparison.Ordinal) && Url.IsLocalUrl(returnUrl)
            ? returnUrl
            : $"/{tenant.Code}/account";
        var properties = new AuthenticationProperties { RedirectUri = target };
        properties.Items[ResidentOidcEvents.TenantItem] = tenant.Code;
        return Challenge(properties, IdentityModule.OidcScheme);
    }
}
