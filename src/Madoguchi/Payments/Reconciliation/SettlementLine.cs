using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Payments.Reconciliation;

public enum SettlementSource
{
    /// <summary>The card provider's settlement (balance) report.</summary>
    Provider = 0,
    /// <summary>The counter terminal's daily journal (日計表).</summary>
    Terminal = 1,
}

/// <summary>
/// One imported line of a settlement report or terminal journal. Not audited row by row (a report
/// has 100,000 lines); the import itself is (<see cref="SettlementImport"/>). Unique per source
/// line, so importing the same file twice adds nothing.
/// </summary>
[NotAudited]
public sealed class SettlementLine : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public SettlementSource Source { get; set; }

    /// <summary>The line's own id: balance transaction id, or terminal:transaction:kind for a journal.</summary>
    public required string LineId { get; set; }

    /// <summary>What it settles: the PaymentIntent id, or the terminal's transaction id.</summary>
    public required string Reference { get; set; }

    /// <summary>charge or refund.</summary>
    public required string Category { get; set; }

    /// <summary>Gross yen; negative for a refund.</summary>
    public long AmountYen { get; set; }

    public DateTime OccurredAt { get; set; }
    public Guid ImportId { get; set; }
}

/// <summary>An import of a settlement file: who, when, which file, how many lines were new.</summary>
public sealed class SettlementImport : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public SettlementSource Source { get; set; }
    public required string FileName { get; set; }
    public int Lines { get; set; }
    public int NewLines { get; set; }
    public Guid ImportedBy { get; set; }
    public DateTime ImportedAt { get; set; } = DateTime.UtcNow;
}

internal sealed class SettlementLineConfiguration : IEntityTypeConfiguration<SettlementLine>
{
    public void Configure(EntityTypeBuilder<SettlementLine> b)
    {
        b.ToTable("PaymentSettlementLines");
        b.HasIndex(l => new { l.TenantId, l.Source, l.LineId }).IsUnique();
        b.HasIndex(l => new { l.TenantId, l.OccurredAt });
        b.Property(l => l.LineId).HasMaxLength(160);
        b.Property(l => l.Reference).HasMaxLength(100);
        b.Property(l => l.Category).HasMaxLength(20);
        b.Property(l => l.Source).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SettlementImportConfiguration : IEntityTypeConfiguration<SettlementImport>
{
    public void Configure(EntityTypeBuilder<SettlementImport> b)
    {
        b.ToTable("PaymentSettlementImports");
        b.HasIndex(i => new { i.TenantId, i.ImportedAt });
        b.Property(i => i.FileName).HasMaxLength(200);
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
