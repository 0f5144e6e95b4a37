using System.Security.Claims;
using Madoguchi.Platform.Audit;

namespace Madoguchi.Platform.Residents;

/// <summary>
/// The contract through which feature modules act for the signed-in resident (the Identity module
/// signs residents in and fulfils it): the authorization policy for a resident of the route's
/// municipality, and what a module may read from the principal.
/// </summary>
public static class SignedInResident
{
    /// <summary>Authorization policy: a resident signed in to the municipality of the route.</summary>
    public const string Policy = "Resident";

    /// <summary>Claim naming how the resident proved who they are.</summary>
    public const string AssuranceClaim = "madoguchi:assurance";

    /// <summary>Value of <see cref="AssuranceClaim"/> for sign-in with the My Number card.</summary>
    public const string CardLevel = "Card";

    public static Guid? Id(ClaimsPrincipal user) =>
        user.HasClaim(AuditActor.ActorKindClaim, "resident") && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id : null;

    public static bool SignedInWithCard(ClaimsPrincipal user) => user.HasClaim(AssuranceClaim, CardLevel);
}
