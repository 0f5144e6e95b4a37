using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Workflow;

/// <summary>内部メモ: what staff write for each other about a case; never shown to the resident.</summary>
public sealed class ApplicationNote : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTime At { get; set; }
    public Guid StaffId { get; set; }
    public required string Body { get; set; }
}

internal sealed class ApplicationNoteConfiguration : IEntityTypeConfiguration<ApplicationNote>
{
    public void Configure(EntityTypeBuilder<ApplicationNote> b)
    {
        b.ToTable("ApplicationNotes");
        b.HasIndex(n => new { n.TenantId, n.ApplicationId, n.At });
        b.Property(n => n.Body).HasMaxLength(4000);
        b.HasOne<Application>().WithMany().HasForeignKey(n => n.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
