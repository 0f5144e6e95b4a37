using System.Security.Claims;

namespace Madoguchi.Counter.Assisted;

internal static class CounterStaff
{
    /// <summary>The signed-in member of staff's id.</summary>
    public static Guid Id(ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;
}
