using Madoguchi.Platform.Data;
using Madoguchi.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Identity;

/// <summary>How strongly a resident's identity was proven at sign-in.</summary>
public enum AssuranceLevel
{
    /// <summary>E-mail and password (or a provider that reported a lower acr).</summary>
    Password = 1,

    /// <summary>My Number card (公的個人認証 利用者証明用電子証明書) through the national app.</summary>
    Card = 2,
}

public enum ResidentGender
{
    Unspecified = 0,
    Male = 1,
    Female = 2,
}

/// <summary>
/// A resident known to one municipality: either identified by an OpenID provider (issuer + pairwise
/// subject, the national app's PPID) or registered with e-mail and password.
/// </summary>
public sealed class ResidentAccount : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }

    /// <summary>Issuer and subject of the OpenID provider; null for e-mail accounts.</summary>
    public string? Issuer { get; set; }
    public string? Subject { get; set; }

    public required string Name { get; set; }
    public string? Address { get; set; }
    public DateOnly? BirthDate { get; set; }
    public ResidentGender Gender { get; set; }

    public string? Email { get; set; }
    public string? NormalizedEmail { get; set; }
    public bool EmailConfirmed { get; set; }
    public string? PasswordHash { get; set; }

    /// <summary>SHA-256 of the pending e-mail verification token (the audit trail masks this name).</summary>
    public string? TokenHash { get; set; }
    public DateTime? TokenExpiresAt { get; set; }

    public int AccessFailedCount { get; set; }
    public DateTime? LockoutEnd { get; set; }

    /// <summary>Level of the most recent sign-in.</summary>
    public AssuranceLevel Assurance { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    public DateTime? LastSignInAt { get; set; }
    public int Version { get; set; }
}

internal sealed class ResidentAccountConfiguration : IEntityTypeConfiguration<ResidentAccount>
{
    public void Configure(EntityTypeBuilder<ResidentAccount> b)
    {
        b.ToTable("ResidentAccounts");
        b.HasIndex(r => new { r.TenantId, r.Issuer, r.Subject }).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.NormalizedEmail }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.Property(r => r.Issuer).HasMaxLength(300);
        b.Property(r => r.Subject).HasMaxLength(255);
        b.Property(r => r.Name).HasMaxLength(200);
        b.Property(r => r.Address).HasMaxLength(500);
        b.Property(r => r.Gender).HasConversion<string>().HasMaxLength(12);
        b.Property(r => r.Email).HasMaxLength(320);
        b.Property(r => r.NormalizedEmail).HasMaxLength(320);
        b.Property(r => r.PasswordHash).HasMaxLength(200);
        b.Property(r => r.TokenHash).HasMaxLength(64);
        b.Property(r => r.Assurance).HasConversion<string>().HasMaxLength(10);
        b.Property(r => r.Version).IsConcurrencyToken();
    }
}
