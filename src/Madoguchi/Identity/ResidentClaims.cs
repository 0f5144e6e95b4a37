using System.Globalization;
using System.Security.Claims;
using Madoguchi.Platform.Audit;

namespace Madoguchi.Identity;

/// <summary>The claims of a signed-in resident's cookie, and the values read from the provider.</summary>
public static class ResidentClaims
{
    /// <summary>Id of the municipality the resident signed in to; the cookie opens nothing elsewhere.</summary>
    public const string TenantId = "madoguchi:tenant";

    /// <summary>An <see cref="AssuranceLevel"/> name.</summary>
    public const string Assurance = Platform.Residents.SignedInResident.AssuranceClaim;

    public static ClaimsPrincipal Principal(ResidentAccount account, AssuranceLevel assurance) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(TenantId, account.TenantId.ToString()),
                new Claim(Assurance, assurance.ToString()),
                new Claim(AuditActor.ActorKindClaim, "resident"),
                .. (account.Email is { } email && account.EmailConfirmed ? [new Claim(ClaimTypes.Email, email)] : Array.Empty<Claim>()),
            ],
            IdentityModule.ResidentScheme, ClaimTypes.Name, ClaimTypes.Role));

    public static Guid? ResidentId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static AssuranceLevel? AssuranceOf(this ClaimsPrincipal user) =>
        Enum.TryParse<AssuranceLevel>(user.FindFirstValue(Assurance), out var level) ? level : null;

    /// <summary>The national app sends birthdate as YYYYMMDD; OIDC says YYYY-MM-DD. Both are accepted.</summary>
    public static DateOnly? ParseBirthDate(string? value)
    {
        string[] formats = ["yyyyMMdd", "yyyy-MM-dd"];
        return DateOnly.TryParseExact(value?.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;
    }

    /// <summary>Gender codes follow ISO/IEC 5218 as the national app does ("1" male, "2" female); OIDC words also work.</summary>
    public static ResidentGender ParseGender(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "1" or "male" => ResidentGender.Male,
        "2" or "female" => ResidentGender.Female,
        _ => ResidentGender.Unspecified,
    };
}
