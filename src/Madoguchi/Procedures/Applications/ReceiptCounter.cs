using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Applications;

/// <summary>The last 到達番号 given in a municipality in a year; advanced inside the submitting transaction.</summary>
[Madoguchi.Platform.Audit.NotAudited]
public sealed class ReceiptCounter : ITenantOwned
{
    public Guid TenantId { get; set; }
    public int Year { get; set; }
    public long Last { get; set; }
}

internal sealed class ReceiptCounterConfiguration : IEntityTypeConfiguration<ReceiptCounter>
{
    public void Configure(EntityTypeBuilder<ReceiptCounter> b) => b.HasKey(c => new { c.TenantId, c.Year });
}
