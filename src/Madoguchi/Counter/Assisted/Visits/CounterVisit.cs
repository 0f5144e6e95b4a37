using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Counter.Assisted.Visits;

/// <summary>How counter staff identified the visitor.</summary>
public enum VisitorIdentification
{
    /// <summary>The My Number card's face data from the card reader.</summary>
    Card = 1,
    /// <summary>The resident register, searched by name and birth date.</summary>
    Register = 2,
    /// <summary>Typed by staff from another identity document.</summary>
    Typed = 3,
}

public enum VisitStatus
{
    /// <summary>Staff are filling the forms with the visitor.</summary>
    Interviewing = 0,
    /// <summary>The visitor confirmed every form as it is now.</summary>
    Confirmed = 1,
    /// <summary>The applications have their 到達番号 and are in the departments' queues.</summary>
    Submitted = 2,
}

/// <summary>
/// One visit to the no-writing counter (書かない窓口): a visitor, the procedures of their life event
/// chosen by staff, the visitor's confirmation and the submission. The form data lives in the
/// counter applications themselves (Procedures module); the visit keeps only who, when and which.
/// </summary>
public sealed class CounterVisit : ITenantOwned
{
    /// <summary>Chosen by the start page when it is shown, so that a double click of 「聞き取りを始める」 starts one visit.</summary>
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>The department whose counter received the visitor; its staff see the visit.</summary>
    public Guid DepartmentId { get; set; }

    /// <summary>氏名 of the visitor, to find the visit in the day's list (every form asks it).</summary>
    public required string VisitorName { get; set; }

    public VisitorIdentification IdentifiedBy { get; set; }

    /// <summary>The visitor's resident account when their identity matched it for sure (see docs); their applications then show in 申請一覧.</summary>
    public Guid? ResidentId { get; set; }

    public VisitStatus Status { get; set; }

    public Guid StartedBy { get; set; }
    public DateTime StartedAt { get; set; }

    /// <summary>When the visitor confirmed, and the member of staff with them.</summary>
    public DateTime? ConfirmedAt { get; set; }
    public Guid? ConfirmedBy { get; set; }

    public DateTime? SubmittedAt { get; set; }
    public Guid? SubmittedBy { get; set; }

    public int Version { get; set; }
}

internal sealed class CounterVisitConfiguration : IEntityTypeConfiguration<CounterVisit>
{
    public void Configure(EntityTypeBuilder<CounterVisit> b)
    {
        b.ToTable("CounterVisits");
        b.HasIndex(v => new { v.TenantId, v.DepartmentId, v.StartedAt });
        b.Property(v => v.VisitorName).HasMaxLength(100);
        b.Property(v => v.IdentifiedBy).HasConversion<string>().HasMaxLength(10);
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(14);
        b.Property(v => v.Version).IsConcurrencyToken();
        b.HasOne<Tenant>().WithMany().HasForeignKey(v => v.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Department>().WithMany().HasForeignKey(v => v.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
