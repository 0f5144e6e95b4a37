using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Disaster;

/// <summary>
/// One row per municipality: which department is 危機管理課 (its staff compose and approve notices),
/// whether a notice needs a second person's approval, and the disaster-mode switch of the front page.
/// </summary>
public sealed class DisasterSettings : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The department whose staff handle disaster work (危機管理課, 防災安全課, ...).</summary>
    public Guid? DepartmentId { get; set; }

    /// <summary>二人確認: a second member of staff approves a notice before it is sent.</summary>
    public bool RequireApproval { get; set; } = true;

    /// <summary>災害モード: the front page is replaced by the light disaster page.</summary>
    public bool DisasterMode { get; set; }

    public DateTime? DisasterModeSince { get; set; }
    public int Version { get; set; }
}

internal sealed class DisasterSettingsConfiguration : IEntityTypeConfiguration<DisasterSettings>
{
    public void Configure(EntityTypeBuilder<DisasterSettings> b)
    {
        b.ToTable("DisasterSettings");
        b.HasIndex(s => s.TenantId).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
