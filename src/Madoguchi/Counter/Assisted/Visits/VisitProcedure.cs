using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Assisted.Visits;

/// <summary>
/// One procedure of a visit and its counter application (Procedures module, by id). The unique
/// index on (visit, procedure) and the application id fixed here when the visit starts make
/// one application per procedure, however often a step is repeated.
/// </summary>
public sealed class VisitProcedure : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid VisitId { get; set; }
    public Guid ProcedureId { get; set; }
    public Guid ApplicationId { get; set; } = Guid.CreateVersion7();

    /// <summary>The order in which staff fill the forms.</summary>
    public int Position { get; set; }

    /// <summary>The application's Version when the visitor confirmed it; submission takes exactly that.</summary>
    public int? ConfirmedVersion { get; set; }

    public string? ReceiptNumber { get; set; }
}

internal sealed class VisitProcedureConfiguration : IEntityTypeConfiguration<VisitProcedure>
{
    public void Configure(EntityTypeBuilder<VisitProcedure> b)
    {
        b.ToTable("CounterVisitProcedures");
        b.HasIndex(p => new { p.TenantId, p.VisitId, p.ProcedureId }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.ApplicationId }).IsUnique();
        b.Property(p => p.ReceiptNumber).HasMaxLength(20);
        b.HasOne<CounterVisit>().WithMany().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}
