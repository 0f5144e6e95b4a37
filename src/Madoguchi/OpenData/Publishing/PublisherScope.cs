using System.Security.Claims;
using Madoguchi.Platform.Staff;

namespace Madoguchi.OpenData.Publishing;

/// <summary>Whose datasets a member of staff may create and change: a Publisher those of their department (admins: all).</summary>
public static class PublisherScope
{
    public static DepartmentScope Of(ClaimsPrincipal user) => DepartmentScope.Of(user, StaffRoleKind.Publisher);

    /// <summary>The DX office's say: municipality (and platform) admins review and publish for everyone.</summary>
    public static bool IsReviewer(ClaimsPrincipal user) => Of(user).All;
}
