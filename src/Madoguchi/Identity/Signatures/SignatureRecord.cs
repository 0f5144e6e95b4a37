using Madoguchi.Platform.Audit;
using Madoguchi.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Madoguchi.Identity.Signatures;

public enum SignatureMethod
{
    /// <summary>With the My Number card through the デジタル認証アプリ.</summary>
    App = 0,
    /// <summary>A detached CMS/PKCS#7 file made with other signing software.</summary>
    Upload = 1,
}

/// <summary>
/// Evidence of a verified electronic signature on an application: what was signed (the digest of
/// its canonical bytes), the signature itself, who signed (issuer, serial, fingerprint and the
/// basic fields the certificate carries) and the latest verification. Only valid signatures are
/// stored; a refused one leaves nothing behind. The audit trail records its creation and every
/// re-verification with the result, issuer, serial and fingerprint, but the signer's identity only
/// masked (the certificate and the CMS carry it too, so they are not copied into the trail).
/// </summary>
public sealed class SignatureRecord : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TenantId { get; set; }
    public Guid ApplicationId { get; set; }
    public Guid ResidentId { get; set; }
    public SignatureMethod Method { get; set; }

    /// <summary>Lower-case hex SHA-256 of the canonical JSON (RFC 8785) that was signed.</summary>
    public required string DocumentSha256 { get; set; }

    /// <summary>The raw RSA signature (app) or the whole CMS SignedData (upload).</summary>
    [AuditMasked]
    public required byte[] Signature { get; set; }

    /// <summary>The signing certificate (DER) when the deployment keeps it (Signatures:KeepCertificate).</summary>
    [AuditMasked]
    public byte[]? Certificate { get; set; }

    /// <summary>The issuing CA's certificate (DER), for re-verifying the path later.</summary>
    public byte[]? IssuerCertificate { get; set; }

    public required string CertificateSha256 { get; set; }
    public required string Issuer { get; set; }

    /// <summary>DER of the issuer name, to find its CRL again when the certificate itself is not kept.</summary>
    public required byte[] IssuerName { get; set; }

    /// <summary>Upper-case hex.</summary>
    public required string SerialNumber { get; set; }
    public DateTime CertificateNotAfter { get; set; }
    [AuditMasked(AuditMask.Initial)]
    public string? SignerName { get; set; }

    [AuditMasked(AuditMask.Prefecture)]
    public string? SignerAddress { get; set; }

    [AuditMasked]
    public DateOnly? SignerBirthDate { get; set; }

    [AuditMasked]
    public string? SignerGender { get; set; }

    /// <summary>When the signature reached the server; the certificate's validity is judged at this time.</summary>
    public DateTime SignedAt { get; set; }
    public DateTime VerifiedAt { get; set; }

    /// <summary>Null while the last verification found it valid; else the failure code of a later re-verification.</summary>
    public string? LastFailureCode { get; set; }
    public int Version { get; set; }
}

internal sealed class SignatureRecordConfiguration : IEntityTypeConfiguration<SignatureRecord>
{
    public void Configure(EntityTypeBuilder<SignatureRecord> b)
    {
        b.ToTable("SignatureRecords");
        b.HasIndex(s => new { s.TenantId, s.ApplicationId, s.SignedAt });
        // The same signature bytes are stored once per application (a double submit of one upload).
        b.HasIndex(s => new { s.TenantId, s.ApplicationId, s.DocumentSha256, s.CertificateSha256, s.SignedAt }).IsUnique();
        b.Property(s => s.Method).HasConversion<string>().HasMaxLength(10);
        b.Property(s => s.DocumentSha256).HasMaxLength(64);
        b.Property(s => s.CertificateSha256).HasMaxLength(64);
        b.Property(s => s.Issuer).HasMaxLength(500);
        b.Property(s => s.SerialNumber).HasMaxLength(80);
        b.Property(s => s.SignerName).HasMaxLength(200);
        b.Property(s => s.SignerAddress).HasMaxLength(400);
        b.Property(s => s.SignerGender).HasMaxLength(2);
        b.Property(s => s.LastFailureCode).HasMaxLength(40);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
