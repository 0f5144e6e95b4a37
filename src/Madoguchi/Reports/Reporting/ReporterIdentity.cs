using System.Security.Claims;
using Madoguchi.Platform.Residents;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Madoguchi.Reports.Reporting;

/// <summary>
/// The resident signed in to this municipality, if any, on pages that anyone may use (reporting
/// needs no account). Asks the <see cref="SignedInResident.Policy"/> policy, so this module does
/// not need to know how residents sign in.
/// </summary>
public sealed class ReporterIdentity(IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator)
{
    public sealed record Resident(Guid Id, string Name, string? VerifiedEmail);

    public async Task<Resident?> CurrentAsync(HttpContext http)
    {
        var policy = await policies.GetPolicyAsync(SignedInResident.Policy);
        if (policy is null)
        {
            return null;
        }

        // The evaluator replaces HttpContext.User with the policy's principal; this is only a look.
        var before = http.User;
        var authenticated = await evaluator.AuthenticateAsync(policy, http);
        var authorized = authenticated.Succeeded ? await evaluator.AuthorizeAsync(policy, authenticated, http, resource: null) : null;
        http.User = before;
        if (authorized is null)
        {
            return null;
        }

        var user = authenticated.Principal;
        return authorized.Succeeded && user is not null && SignedInResident.Id(user) is { } id
            ? new Resident(id, user.FindFirstValue(ClaimTypes.Name) ?? "", user.FindFirstValue(ClaimTypes.Email))
            : null;
    }
}
