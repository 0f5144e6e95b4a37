using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Platform.Staff;

public enum StaffRoleKind
{
    /// <summary>Manages staff, departments and settings of one municipality.</summary>
    TenantAdmin = 1,
    /// <summary>審査担当: reviews cases of a department.</summary>
    Reviewer = 2,
    /// <summary>決裁者: approves decisions of a department.</summary>
    Approver = 3,
    /// <summary>Publishes open data of a department.</summary>
    Publisher = 4,
}

/// <summary>A role granted to a member of staff, scoped to a department except for tenant admins.</summary>
public sealed class StaffRole : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid StaffUserId { get; set; }
    public Guid? DepartmentId { get; set; }
    public StaffRoleKind Role { get; set; }
}

internal sealed class StaffRoleConfiguration : IEntityTypeConfiguration<StaffRole>
{
    public void Configure(EntityTypeBuilder<StaffRole> b)
    {
        b.HasIndex(r => new { r.TenantId, r.StaffUserId, r.DepartmentId, r.Role }).IsUnique();
        b.HasOne<StaffUser>().WithMany().HasForeignKey(r => r.StaffUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.TenantId);
    }
}
