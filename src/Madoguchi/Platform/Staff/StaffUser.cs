using Microsoft.AspNetCore.Identity;

namespace Madoguchi.Platform.Staff;

/// <summary>
/// A member of staff. Belongs to one municipality (<see cref="TenantId"/>), or to none when a
/// platform administrator of the installation.
/// </summary>
public sealed class StaffUser : IdentityUser<Guid>
{
    public StaffUser() => Id = Guid.CreateVersion7();

    public Guid? TenantId { get; set; }
    public required string DisplayName { get; set; }
    public bool IsPlatformAdmin { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
