namespace Madoguchi.Platform.Signatures;

/// <summary>
/// JPKI electronic signatures on applications (the Identity module fulfils it): what the Procedures
/// module asks for, given the canonical bytes of an application (RFC 8785). A module never reads
/// the signature tables; it sees the result through these records.
/// </summary>
public interface IApplicationSignatures
{
    /// <summary>Verifies a detached CMS/PKCS#7 signature over <paramref name="document"/>; stores it only when valid.</summary>
    Task<SignatureOutcome> VerifyUploadAsync(Guid applicationId, Guid residentId, byte[] document, byte[] cms, CancellationToken ct);

    /// <summary>
    /// Starts signing with the デジタル認証アプリ: creates the sign transaction and returns the
    /// authorization URL the resident is sent to; null with a failure when the service cannot be reached.
    /// </summary>
    Task<(Uri? AuthorizationUrl, SignatureFailure? Failure)> StartAppSigningAsync(Guid applicationId, Guid residentId, byte[] document, CancellationToken ct);

    /// <summary>The newest valid signature of the application, or null.</summary>
    Task<SignatureView?> CurrentAsync(Guid applicationId, CancellationToken ct);

    /// <summary>
    /// Checks the newest stored signature again against <paramref name="document"/> (the
    /// application as it is now): still the signed content, certificate valid at signing time and
    /// not revoked since. The result is recorded (and audited) either way.
    /// </summary>
    Task<SignatureOutcome> ReverifyAsync(Guid applicationId, byte[] document, CancellationToken ct);
}

public sealed record SignatureOutcome(SignatureView? Signature, SignatureFailure? Failure)
{
    public bool Valid => Failure is null && Signature is not null;
}

/// <summary>A refusal: a stable code and the Japanese message (a localization key with its English text).</summary>
public sealed record SignatureFailure(string Code, string Message);

/// <summary>The four basic fields (基本4情報) as the signing certificate carries them.</summary>
/// <param name="Gender">1 male, 2 female, 3 not known (JPKI coding).</param>
public sealed record CertificateIdentity(string? Name, string? Address, DateOnly? BirthDate, string? Gender);

/// <param name="DocumentSha256">Lower-case hex SHA-256 of the canonical bytes that were signed.</param>
/// <param name="Method">"app" (デジタル認証アプリ) or "upload" (detached CMS).</param>
/// <param name="LastFailure">Null while the last verification found it valid.</param>
public sealed record SignatureView(
    Guid Id,
    string Method,
    string DocumentSha256,
    DateTime SignedAt,
    DateTime VerifiedAt,
    string Issuer,
    string SerialNumber,
    string CertificateSha256,
    DateTime CertificateNotAfter,
    CertificateIdentity Signer,
    bool CertificateKept,
    SignatureFailure? LastFailure);
