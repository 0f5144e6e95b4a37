using System.Security.Claims;

namespace Madoguchi.Platform.Staff;

/// <summary>
/// Administrators must sign in with a second factor. An admin who signed in with a password only
/// is sent to set up (or enter) a TOTP code before any staff page opens.
/// </summary>
internal sealed class AdminSecondFactorMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/staff/two-factor";

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        var path = context.Request.Path;
        if (StaffTwoFactor.IsAdmin(user) && !StaffTwoFactor.SignedInWithSecondFactor(user)
            && !path.StartsWithSegments(SetupPath) && !path.StartsWithSegments("/staff/logout")
            && !path.StartsWithSegments("/css") && !path.StartsWithSegments("/error"))
        {
            context.Response.Redirect(SetupPath);
            return Task.CompletedTask;
        }

        return next(context);
    }
}

public static class StaffTwoFactor
{
    /// <summary>ASP.NET Core Identity marks a sign-in completed with a second factor with amr=mfa.</summary>
    public static bool SignedInWithSecondFactor(ClaimsPrincipal user) => user.HasClaim("amr", "mfa");

    public static bool IsAdmin(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && (user.HasClaim(StaffClaimTypes.PlatformAdmin, "true") || user.HasClaim(StaffClaimTypes.Role, nameof(StaffRoleKind.TenantAdmin)));
}
