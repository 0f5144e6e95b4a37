using Madoguchi.Platform.Data;
using Madoguchi.Procedures.Applications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Workflow;

public enum ApplicationEventKind
{
    Submitted = 0,
    ReviewStarted = 1,
    /// <summary>Given to a member of staff; staff-only, like the assignee's name it carries.</summary>
    Assigned = 2,
    CorrectionRequested = 3,
    Resubmitted = 4,
    Approved = 5,
    Rejected = 6,
    Withdrawn = 7,
    /// <summary>事後決済: the fee was paid.</summary>
    FeePaid = 8,
    /// <summary>事後決済: the deadline passed unpaid; the application expired.</summary>
    PaymentExpired = 9,
}

public enum EventActor
{
    Resident = 0,
    Staff = 1,
    /// <summary>The platform itself (the 事後決済 expiry sweep, a payment confirmed by the provider).</summary>
    System = 2,
}

/// <summary>
/// One step in an application's history (状況の履歴). Rows are only ever added: the history a
/// resident and the staff read is the record of what happened, never a current state rewritten.
/// </summary>
public sealed class ApplicationEvent : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ApplicationId { get; set; }
    public DateTime At { get; set; }
    public ApplicationEventKind Kind { get; set; }

    /// <summary>The status the application had after this step.</summary>
    public ApplicationStatus Status { get; set; }

    public EventActor Actor { get; set; }

    /// <summary>The resident account or the member of staff who acted.</summary>
    public Guid? ActorId { get; set; }

    /// <summary>What the step said: the correction request, the decision's reason; for an assignment, the assignee's name.</summary>
    public string? Text { get; set; }

    /// <summary>Whether the resident sees this step in their history (assignments are internal).</summary>
    public bool VisibleToResident => Kind != ApplicationEventKind.Assigned;
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> b)
    {
        b.ToTable("ApplicationEvents");
        b.HasIndex(e => new { e.TenantId, e.ApplicationId, e.At });
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(e => e.Actor).HasConversion<string>().HasMaxLength(10);
        b.Property(e => e.Text).HasMaxLength(4000);
        b.HasOne<Application>().WithMany().HasForeignKey(e => e.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
