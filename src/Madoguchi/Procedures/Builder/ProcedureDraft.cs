using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Builder;

/// <summary>
/// The working draft of a procedure's definition (template format, docs/forms.md) that staff edit in
/// the form builder. One per procedure; publishing copies it into a new immutable
/// <see cref="ProcedureVersion"/>. Kept apart from <see cref="Procedure"/> so that editing never
/// touches the row residents search, and so that its own <see cref="Version"/> tells the second of
/// two staff editing the same draft.
/// </summary>
public sealed class ProcedureDraft : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProcedureId { get; set; }
    public required string Definition { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public Guid? UpdatedBy { get; set; }
    public int Version { get; set; }
}

internal sealed class ProcedureDraftConfiguration : IEntityTypeConfiguration<ProcedureDraft>
{
    public void Configure(EntityTypeBuilder<ProcedureDraft> b)
    {
        // One working draft per procedure: two staff opening an untouched procedure at once insert one.
        b.HasIndex(d => new { d.TenantId, d.ProcedureId }).IsUnique();
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasOne<Procedure>().WithMany().HasForeignKey(d => d.ProcedureId).OnDelete(DeleteBehavior.Restrict);
    }
}
