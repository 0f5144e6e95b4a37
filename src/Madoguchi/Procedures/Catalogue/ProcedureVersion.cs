using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Catalogue;

/// <summary>
/// One published version of a procedure's definition (schema, layout, attachments) as JSON in the
/// template format (docs/forms.md). Never changed once published; a change is a new number.
/// </summary>
public sealed class ProcedureVersion : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProcedureId { get; set; }
    public int Number { get; set; }
    public required string Definition { get; set; }
    public DateTime PublishedAt { get; set; } = DateTime.UtcNow;
    public Guid? PublishedBy { get; set; }
}

internal sealed class ProcedureVersionConfiguration : IEntityTypeConfiguration<ProcedureVersion>
{
    public void Configure(EntityTypeBuilder<ProcedureVersion> b)
    {
        b.HasIndex(v => new { v.TenantId, v.ProcedureId, v.Number }).IsUnique();
        b.HasOne<Procedure>().WithMany().HasForeignKey(v => v.ProcedureId).OnDelete(DeleteBehavior.Restrict);
    }
}
