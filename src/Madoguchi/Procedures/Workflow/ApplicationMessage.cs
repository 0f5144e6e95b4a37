using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Workflow;

/// <summary>One message of the thread between the resident and the department about an application.</summary>
public sealed class ApplicationMessage : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTime At { get; set; }

    /// <summary>Written by the resident; otherwise by <see cref="StaffId"/> for the department.</summary>
    public bool FromResident { get; set; }

    public Guid? StaffId { get; set; }
    public required string Body { get; set; }
}

internal sealed class ApplicationMessageConfiguration : IEntityTypeConfiguration<ApplicationMessage>
{
    public void Configure(EntityTypeBuilder<ApplicationMessage> b)
    {
        b.ToTable("ApplicationMessages");
        b.HasIndex(m => new { m.TenantId, m.ApplicationId, m.At });
        b.Property(m => m.Body).HasMaxLength(4000);
        b.HasOne<Application>().WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
