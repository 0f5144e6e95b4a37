using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Disaster.Shelters;

/// <summary>空き / 混雑 / 満員, as shelter staff report it.</summary>
public enum ShelterOccupancy
{
    Available = 1,
    Crowded = 2,
    Full = 3,
}

/// <summary>
/// A 指定緊急避難場所 and/or 指定避難所 of the municipality, with its live state: open or closed,
/// occupancy and a note from the staff running it. Imported from the Digital Agency's standard CSV.
/// </summary>
public sealed class Shelter : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The standard dataset's ID column (or the name when a file has none): the key re-imports update by.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public string? NameKana { get; set; }
    public string? NameEn { get; set; }
    public string Address { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Phone { get; set; }
    public int? Capacity { get; set; }

    /// <summary>災害種別 the place is designated for, ";"-separated (洪水;地震;津波 …).</summary>
    public string Hazards { get; set; } = "";

    public bool IsEmergencyPlace { get; set; }
    public bool IsShelter { get; set; }

    public bool Open { get; set; }
    public ShelterOccupancy Occupancy { get; set; } = ShelterOccupancy.Available;
    public string? Note { get; set; }
    public DateTime? StatusUpdatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One change of a shelter's state, kept for the open-data history: rows are only ever added.
/// The shelter's own change is audited; this is the public log of it.
/// </summary>
[NotAudited]
public sealed class ShelterChange : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ShelterId { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
    public bool Open { get; set; }
    public ShelterOccupancy Occupancy { get; set; }
    public string? Note { get; set; }
}

internal sealed class ShelterConfiguration : IEntityTypeConfiguration<Shelter>
{
    public void Configure(EntityTypeBuilder<Shelter> b)
    {
        b.ToTable("DisasterShelters");
        b.Property(s => s.Code).HasMaxLength(100);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.NameKana).HasMaxLength(200);
        b.Property(s => s.NameEn).HasMaxLength(200);
        b.Property(s => s.Address).HasMaxLength(300);
        b.Property(s => s.Phone).HasMaxLength(50);
        b.Property(s => s.Hazards).HasMaxLength(200);
        b.Property(s => s.Note).HasMaxLength(500);
        b.Property(s => s.Occupancy).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(s => new { s.TenantId, s.Code }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}

internal sealed class ShelterChangeConfiguration : IEntityTypeConfiguration<ShelterChange>
{
    public void Configure(EntityTypeBuilder<ShelterChange> b)
    {
        b.ToTable("DisasterShelterChanges");
        b.Property(c => c.Occupancy).HasConversion<string>().HasMaxLength(10);
        b.Property(c => c.Note).HasMaxLength(500);
        b.HasIndex(c => new { c.TenantId, c.At });
        b.HasOne<Shelter>().WithMany().HasForeignKey(c => c.ShelterId).OnDelete(DeleteBehavior.Restrict);
    }
}
