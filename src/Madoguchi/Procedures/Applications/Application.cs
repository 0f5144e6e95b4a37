using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Madoguchi.Procedures.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Applications;

public enum ApplicationStatus
{
    /// <summary>Being filled in; only the resident sees it.</summary>
    Draft = 0,
    /// <summary>Arrived (到達): it has its 到達番号 and 到達日時.</summary>
    Submitted = 1,
    UnderReview = 2,
    /// <summary>補正: staff asked the resident to correct it.</summary>
    CorrectionRequested = 3,
    Approved = 4,
    Rejected = 5,
    /// <summary>取下げ by the resident.</summary>
    Withdrawn = 6,
    /// <summary>期限切れ: approved with a fee paid after approval (事後決済) that was not paid by its deadline.</summary>
    Expired = 7,
}

public enum ApplicationChannel
{
    Online = 0,
    /// <summary>Filled in by counter staff for a visitor (書かない窓口).</summary>
    Counter = 1,
}

/// <summary>
/// One application to a procedure, from the first draft to the decision. It keeps the procedure
/// version it was made with, so a later change of the form never changes what was submitted.
/// </summary>
public sealed class Application : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ProcedureId { get; set; }
    public int ProcedureVersion { get; set; }

    /// <summary>The resident account (Identity module) that owns it; null for counter applications without an account.</summary>
    public Guid? ResidentId { get; set; }

    public ApplicationChannel Channel { get; set; }
    public ApplicationStatus Status { get; set; }

    /// <summary>The form data as JSON (the procedure version's schema).</summary>
    public required string Data { get; set; }

    /// <summary>The page of the form the resident reached, to resume there.</summary>
    public int CurrentPage { get; set; }

    /// <summary>到達番号, unique within the municipality; set once, at submission.</summary>
    public string? ReceiptNumber { get; set; }

    /// <summary>到達日時 (UTC).</summary>
    public DateTime? SubmittedAt { get; set; }

    /// <summary>When the decision is due under the procedure's 標準処理期間, fixed at submission; null when none is set.</summary>
    public DateTime? DueAt { get; set; }

    /// <summary>The member of staff handling the case (担当者); null while unassigned.</summary>
    public Guid? AssigneeId { get; set; }

    /// <summary>Where the resident is told of corrections, messages and the decision: the address they signed in with when they (re)submitted.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>When it was approved or rejected (UTC).</summary>
    public DateTime? DecidedAt { get; set; }

    public Guid? DecidedBy { get; set; }

    /// <summary>The reason given with a rejection, or the note carried by an approval; printed on the 決定通知書.</summary>
    public string? DecisionReason { get; set; }

    /// <summary>
    /// 事後決済: the instant the fee is no longer payable (the end of the Japan day, paymentDays after
    /// approval), set at approval when the fee is paid after it; null otherwise.
    /// </summary>
    public DateTime? PaymentDueAt { get; set; }

    /// <summary>事後決済: when the fee was paid (UTC); the expiry sweep passes over paid applications.</summary>
    public DateTime? FeePaidAt { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
    public int Version { get; set; }
}

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.ToTable("Applications");
        b.HasIndex(a => new { a.TenantId, a.ReceiptNumber }).IsUnique();
        b.HasIndex(a => new { a.TenantId, a.ResidentId, a.Status });
        // One open draft per resident and procedure (two tabs, a double click): the same quoting
        // works on SQLite and PostgreSQL.
        b.HasIndex(a => new { a.TenantId, a.ResidentId, a.ProcedureId }).IsUnique().HasFilter("\"Status\" = 'Draft'")
            .HasDatabaseName("IX_Applications_OneDraft");
        b.HasIndex(a => new { a.TenantId, a.ProcedureId, a.Status, a.SubmittedAt });
        // QueuePerformance: the staff queue lists arrived applications newest first, unfiltered, by
        // status, or by procedure (Procedures/Review/Queue). One index per filter in arrival order,
        // so a page is read straight off an index; the trailing columns let the other filters
        // (status, procedure, due date) be checked in the index before a row is read. Drafts (a
        // twentieth of the rows, no arrival time) are left out; the queue's `Status <> 'Draft'`
        // matches the index filter. Each ends with Id, so a deep page finds its ids in the index
        // alone (index-only scan) and reads just the rows it shows.
        b.HasIndex(a => new { a.TenantId, a.SubmittedAt, a.Status, a.ProcedureId, a.DueAt, a.Id }).HasFilter("\"Status\" <> 'Draft'")
            .HasDatabaseName("IX_Applications_Queue");
        b.HasIndex(a => new { a.TenantId, a.Status, a.SubmittedAt, a.ProcedureId, a.Id }).HasFilter("\"Status\" <> 'Draft'")
            .HasDatabaseName("IX_Applications_QueueByStatus");
        b.HasIndex(a => new { a.TenantId, a.ProcedureId, a.SubmittedAt, a.Status, a.Id }).HasFilter("\"Status\" <> 'Draft'")
            .HasDatabaseName("IX_Applications_QueueByProcedure");
        // The overdue filter (still open past the due date): only the open ones, in arrival order.
        b.HasIndex(a => new { a.TenantId, a.SubmittedAt, a.ProcedureId, a.DueAt, a.Id }).HasFilter("\"Status\" IN ('Submitted', 'UnderReview')")
            .HasDatabaseName("IX_Applications_QueueOverdue");
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(a => a.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.ReceiptNumber).HasMaxLength(20);
        b.Property(a => a.ContactEmail).HasMaxLength(254);
        b.Property(a => a.DecisionReason).HasMaxLength(2000);
        b.HasIndex(a => new { a.TenantId, a.AssigneeId });
        // The 事後決済 expiry sweep reads only approved applications still owing their fee, oldest deadline first.
        b.HasIndex(a => a.PaymentDueAt).HasFilter("\"Status\" = 'Approved' AND \"FeePaidAt\" IS NULL AND \"PaymentDueAt\" IS NOT NULL")
            .HasDatabaseName("IX_Applications_PaymentDue");
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Procedure>().WithMany().HasForeignKey(a => a.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
