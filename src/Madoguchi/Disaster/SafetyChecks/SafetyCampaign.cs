using System.Security.Cryptography;
using System.Text;
using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Disaster.SafetyChecks;

public enum SafetyTargetSource
{
    /// <summary>防災メールの登録者 of the chosen areas.</summary>
    Subscribers = 1,
    /// <summary>An uploaded list: the 避難行動要支援者名簿 kept by the welfare department, with consent.</summary>
    List = 2,
    /// <summary>The municipality's own staff.</summary>
    Staff = 3,
}

public enum SafetyAnswer
{
    /// <summary>無事</summary>
    Safe = 1,
    /// <summary>支援が必要</summary>
    NeedsHelp = 2,
    /// <summary>避難所にいる</summary>
    AtShelter = 3,
}

/// <summary>A 安否確認: who is asked, the message they get, and whether answers are still taken.</summary>
public sealed class SafetyCampaign : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public required string Title { get; set; }
    public string Message { get; set; } = "";
    public SafetyTargetSource Source { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public string CreatedByName { get; set; } = "";
    public DateTime? ClosedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// One person asked, with their latest answer. Their personal link carries a random token of which
/// only the SHA-256 is stored, so the link cannot be guessed nor rebuilt from the database.
/// </summary>
public sealed class SafetyTarget : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid CampaignId { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Area { get; set; }
    public required string TokenHash { get; set; }
    public SafetyAnswer? Answer { get; set; }
    public string? ShelterName { get; set; }
    public string? AnswerMessage { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public int Version { get; set; }

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

public enum CallResult
{
    /// <summary>本人と話せた（無事）</summary>
    ReachedSafe = 1,
    /// <summary>本人と話せた（支援が必要）</summary>
    ReachedNeedsHelp = 2,
    /// <summary>応答なし</summary>
    NoAnswer = 3,
    /// <summary>家族・近所の人から確認</summary>
    ConfirmedByOthers = 4,
    /// <summary>訪問が必要</summary>
    VisitNeeded = 5,
}

/// <summary>A follow-up call to someone who has not answered; rows are only ever added.</summary>
public sealed class FollowUpCall : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid TargetId { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
    public CallResult Result { get; set; }
    public string? Note { get; set; }
    public string ByName { get; set; } = "";
}

internal sealed class SafetyCampaignConfiguration : IEntityTypeConfiguration<SafetyCampaign>
{
    public void Configure(EntityTypeBuilder<SafetyCampaign> b)
    {
        b.ToTable("DisasterSafetyCampaigns");
        b.Property(c => c.Title).HasMaxLength(100);
        b.Property(c => c.Message).HasMaxLength(1000);
        b.Property(c => c.CreatedByName).HasMaxLength(100);
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(c => new { c.TenantId, c.CreatedAt });
        b.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class SafetyTargetConfiguration : IEntityTypeConfiguration<SafetyTarget>
{
    public void Configure(EntityTypeBuilder<SafetyTarget> b)
    {
        b.ToTable("DisasterSafetyTargets");
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Email).HasMaxLength(320);
        b.Property(t => t.Phone).HasMaxLength(50);
        b.Property(t => t.Area).HasMaxLength(60);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.Property(t => t.ShelterName).HasMaxLength(200);
        b.Property(t => t.AnswerMessage).HasMaxLength(500);
        b.Property(t => t.Answer).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.HasIndex(t => new { t.TenantId, t.CampaignId, t.Email }).IsUnique();
        b.HasOne<SafetyCampaign>().WithMany().HasForeignKey(t => t.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class FollowUpCallConfiguration : IEntityTypeConfiguration<FollowUpCall>
{
    public void Configure(EntityTypeBuilder<FollowUpCall> b)
    {
        b.ToTable("DisasterFollowUpCalls");
        b.Property(c => c.Result).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Note).HasMaxLength(500);
        b.Property(c => c.ByName).HasMaxLength(100);
        b.HasIndex(c => new { c.TenantId, c.TargetId });
        b.HasOne<SafetyTarget>().WithMany().HasForeignKey(c => c.TargetId).OnDelete(DeleteBehavior.Cascade);
    }
}
