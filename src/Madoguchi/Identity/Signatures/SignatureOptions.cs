using System.ComponentModel.DataAnnotations;

namespace Madoguchi.Identity.Signatures;

/// <summary>Configuration section <c>Signatures</c>: trust anchors, revocation sources, evidence and the signing service.</summary>
public sealed class SignatureOptions
{
    /// <summary>
    /// Files (PEM or DER, relative to the content root) of the JPKI signing roots this deployment
    /// trusts (署名用認証局: signca02.cer, signca03.cer …). Without any, no signature is accepted.
    /// </summary>
    public string[] TrustAnchorPaths { get; set; } = [];

    /// <summary>Intermediate CA certificates to build paths with when a signature carries none.</summary>
    public string[] IntermediatePaths { get; set; } = [];

    /// <summary>
    /// CRL sources (file paths or http(s) URLs), used for certificates whose distribution point
    /// cannot be fetched (JPKI names directory entries). A distribution point URL in a
    /// certificate is used in preference.
    /// </summary>
    public string[] CrlSources { get; set; } = [];

    /// <summary>How long a fetched CRL is used before it is fetched again (it is also fetched again once its nextUpdate has passed).</summary>
    [Range(1, 1440)]
    public int CrlRefreshMinutes { get; set; } = 60;

    [Range(1, 120)]
    public int FetchTimeoutSeconds { get; set; } = 10;

    /// <summary>Hash of the OCSP CertID: SHA1 (RFC 5019 default, what most responders index by) or SHA256.</summary>
    [RegularExpression("^(SHA1|SHA256)$")]
    public string OcspHashAlgorithm { get; set; } = "SHA1";

    /// <summary>How old an OCSP answer without nextUpdate may be before it counts as stale.</summary>
    [Range(1, 1440)]
    public int OcspMaxAgeMinutes { get; set; } = 60;

    /// <summary>
    /// Keep the whole signing certificate with the evidence. Some relying parties may not keep it
    /// (a platform operator's contract); then issuer, serial and fingerprint are kept and a later
    /// re-verification checks revocation by serial number.
    /// </summary>
    public bool KeepCertificate { get; set; } = true;

    /// <summary>
    /// Base URL of the デジタル認証アプリ service (https://auth-and-sign.go.jp, sandbox
    /// https://sb-auth-and-sign.go.jp). Empty: signing with the app is not offered.
    /// </summary>
    public string? SignServiceBaseUrl { get; set; }

    /// <summary>
    /// The private key the signing result (a JWE, RSA-OAEP-256 + A256GCM) is encrypted to: a PEM file
    /// (PKCS#8 or PKCS#1; created if missing) or a PFX/P12, relative to the content root. Empty: a key
    /// generated into the data directory (identity/sign-result-key.pem). Its public JWK is published
    /// with "use":"enc" at /.well-known/madoguchi-rp-jwks.json for registration with the service.
    /// </summary>
    public string? ResultKeyPath { get; set; }

    /// <summary>Password of an encrypted PEM or of the PFX in <see cref="ResultKeyPath"/>.</summary>
    public string? ResultKeyPassword { get; set; }

    /// <summary>client_id for the signing API; empty: the one of <c>Identity:ClientId</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>Demo mode: the local signing service under /dev-sign of this host, with its own test PKI trusted. Never in production.</summary>
    public DevServiceOptions DevService { get; set; } = new();

    public sealed class DevServiceOptions
    {
        public bool Enabled { get; set; }
    }

    /// <summary>Minutes a started sign transaction may take before it is refused.</summary>
    [Range(1, 60)]
    public int TransactionMinutes { get; set; } = 15;
}
