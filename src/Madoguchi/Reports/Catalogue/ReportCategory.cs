using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Reports.Catalogue;

/// <summary>
/// What residents can report in a municipality (道路・側溝の損傷, 不法投棄 …): the department that
/// answers it, the extra questions it asks, and how near another open report must be to count as
/// a possible duplicate. <see cref="Code"/> is the Open311 service_code.
/// </summary>
public sealed class ReportCategory : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>ASCII, stable; the Open311 service_code and the form's address.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string Description { get; set; } = "";

    /// <summary>Open311 group (e.g. 道路, 環境).</summary>
    public string Group { get; set; } = "";

    /// <summary>The department whose reviewers triage reports of this category (the default routing rule).</summary>
    public Guid DepartmentId { get; set; }

    /// <summary>Open reports of the same category within this many metres are offered as duplicates.</summary>
    public int DuplicateRadiusMeters { get; set; } = 50;

    /// <summary>Extra questions as JSON (<see cref="CategoryQuestion"/>[]).</summary>
    public string QuestionsJson { get; set; } = "[]";

    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }

    public IReadOnlyList<CategoryQuestion> Questions => CategoryQuestion.Parse(QuestionsJson);
}

internal sealed class ReportCategoryConfiguration : IEntityTypeConfiguration<ReportCategory>
{
    public void Configure(EntityTypeBuilder<ReportCategory> b)
    {
        b.HasIndex(c => new { c.TenantId, c.Code }).IsUnique();
        b.Property(c => c.Code).HasMaxLength(40);
        b.Property(c => c.Name).HasMaxLength(60);
        b.Property(c => c.NameEn).HasMaxLength(100);
        b.Property(c => c.Description).HasMaxLength(500);
        b.Property(c => c.Group).HasMaxLength(40);
        b.Property(c => c.QuestionsJson).HasMaxLength(8000);
        b.Ignore(c => c.Questions);
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}
