using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Catalogue;

public enum ProcedureStatus
{
    /// <summary>Being prepared by staff; residents do not see it.</summary>
    Draft = 0,
    /// <summary>Listed for residents.</summary>
    Published = 1,
    /// <summary>No longer offered; kept for the applications made with it.</summary>
    Closed = 2,
}

/// <summary>
/// A procedure a municipality offers (手続). What residents search and read lives here; the form
/// itself is in its numbered <see cref="ProcedureVersion"/>s, so applications keep the version
/// they were made with.
/// </summary>
public sealed class Procedure : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>URL key, unique within the municipality (e.g. hoiku-riyou-moushikomi).</summary>
    public required string Key { get; set; }

    /// <summary>The shipped template it was created from, if any.</summary>
    public string? TemplateKey { get; set; }

    public Guid DepartmentId { get; set; }
    public required string Title { get; set; }
    public required string TitleEn { get; set; }
    public required string Description { get; set; }
    public required string DescriptionEn { get; set; }
    public required string Category { get; set; }

    /// <summary>Life events, each wrapped in '|' (|子育て|妊娠・出産|) so one can be matched exactly.</summary>
    public required string LifeEvents { get; set; }

    /// <summary>Search words, each wrapped in '|'.</summary>
    public required string Keywords { get; set; }

    public RequiredAssurance Assurance { get; set; }
    public int? StandardProcessingDays { get; set; }
    public long FeeYen { get; set; }
    public string? FeeNote { get; set; }
    public ProcedureStatus Status { get; set; }
    public int PublishedVersion { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }

    public static string Joined(IEnumerable<string> values) => "|" + string.Join("|", values) + "|";

    public static IReadOnlyList<string> Split(string joined) => joined.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> b)
    {
        // One procedure per key and municipality: enabling a template twice (a double click) adds one.
        b.HasIndex(p => new { p.TenantId, p.Key }).IsUnique();
        b.HasIndex(p => new { p.TenantId, p.Status });
        b.Property(p => p.Key).HasMaxLength(80);
        b.Property(p => p.TemplateKey).HasMaxLength(80);
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.TitleEn).HasMaxLength(200);
        b.Property(p => p.Description).HasMaxLength(4000);
        b.Property(p => p.DescriptionEn).HasMaxLength(4000);
        b.Property(p => p.Category).HasMaxLength(40);
        b.Property(p => p.LifeEvents).HasMaxLength(400);
        b.Property(p => p.Keywords).HasMaxLength(1000);
        b.Property(p => p.FeeNote).HasMaxLength(400);
        b.Property(p => p.Assurance).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<Department>().WithMany().HasForeignKey(p => p.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
