using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Procedures.Exports;

public enum ExportKind
{
    /// <summary>A procedure version's applications as CSV.</summary>
    Csv = 0,
    /// <summary>One application in the JSON export format (staff download or the API).</summary>
    Json = 1,
    /// <summary>One attached file through the API.</summary>
    Attachment = 2,
}

/// <summary>
/// Who took which applications out of the system, and when. Reading changes nothing, so the audit
/// trail (which records state changes) does not see it; personal data leaving the counter must still
/// be traceable (個人情報保護法: 安全管理措置), hence this explicit record.
/// </summary>
public sealed class ExportLog : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>"staff:{id}" or "api:{clientId}", as on the audit trail.</summary>
    public required string Actor { get; set; }
    public ExportKind Kind { get; set; }
    public Guid? ProcedureId { get; set; }
    public int? ProcedureVersion { get; set; }
    public Guid? ApplicationId { get; set; }

    /// <summary>The filter and options as the exporter saw them (status, dates, encoding, 個人番号).</summary>
    public required string Criteria { get; set; }
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    public DateTime? CompletedAt { get; set; }
    public int Rows { get; set; }

    /// <summary>Characters Shift_JIS cannot hold, written as 〓 instead.</summary>
    public int ReplacedCharacters { get; set; }

    /// <summary>Where they were (到達番号 and column), the first few.</summary>
    public string? ReplacedAt { get; set; }
}

internal sealed class ExportLogConfiguration : IEntityTypeConfiguration<ExportLog>
{
    public void Configure(EntityTypeBuilder<ExportLog> b)
    {
        b.ToTable("ExportLogs");
        b.HasIndex(e => new { e.TenantId, e.StartedAt });
        b.Property(e => e.Actor).HasMaxLength(80);
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(12);
        b.Property(e => e.Criteria).HasMaxLength(1000);
        b.Property(e => e.ReplacedAt).HasMaxLength(2000);
    }
}
