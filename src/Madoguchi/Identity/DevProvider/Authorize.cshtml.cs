using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Madoguchi.Identity.DevProvider;

/// <summary>
/// The development provider's authorization endpoint: instead of reading a card, the tester picks a
/// persona, or cancels (the provider then answers error=access_denied, as the national app does).
/// </summary>
public sealed class AuthorizeModel(IOptions<ResidentIdentityOptions> options) : PageModel
{
    private static readonly HashSet<string> OwnFields = ["persona", "submit.accept", "submit.cancel", "__RequestVerificationToken"];

    /// <summary>The authorization request, carried through the form so OpenIddict reads it again on POST.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (!options.Value.DevProvider.Enabled || HttpContext.GetOpenIddictServerRequest() is null)
        {
            return NotFound();
        }

        Parameters = Request.Query.SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))).ToList();
        return Page();
    }

    public IActionResult OnPost(string? persona)
    {
        var request = options.Value.DevProvider.Enabled ? HttpContext.GetOpenIddictServerRequest() : null;
        if (request is null)
        {
            return NotFound();
        }

        if (Request.Form.ContainsKey("submit.cancel"))
        {
            return Forbid(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.AccessDenied,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The resident cancelled the authentication.",
            }), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (DevPersonas.ByKey(persona) is not { } chosen)
        {
            ModelState.AddModelError("persona", "persona");
            Parameters = Request.Form.Where(f => !OwnFields.Contains(f.Key))
                .SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList();
            return Page();
        }

        return SignIn(DevIdentityProvider.PrincipalFor(chosen, request), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
