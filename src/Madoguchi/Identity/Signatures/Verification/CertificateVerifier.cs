using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Platform.Signatures;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// Decides whether a signing certificate is good for a signature made at a given time: a path of
/// issuer signatures up to a configured JPKI trust anchor (no loops, every CA a CA and in its
/// validity), the signer's key usage (nonRepudiation or digitalSignature), its validity at signing
/// time, and revocation of every certificate below the anchor by CRL. Each refusal is its own
/// <see cref="SignatureFailure"/>. Parsed certificates and checked issuer signatures are cached:
/// a certificate's bytes and its issuer's signature on them never change.
/// </summary>
internal sealed class CertificateVerifier(IOptions<SignatureOptions> options, IHostEnvironment environment, CrlCache crls, OcspClient ocsp, ILogger<CertificateVerifier> log)
{
    private const int MaxDepth = 8;

    private readonly ConcurrentDictionary<string, CertificateFacts> _parsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Child, string Issuer), bool> _issuerSignatures = new();
    private readonly ConcurrentDictionary<RevocationList, string> _crlSignedBy = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<(IReadOnlyList<CertificateFacts> Anchors, IReadOnlyList<CertificateFacts> Intermediates)> _configured =
        new(() => (Load(options.Value.TrustAnchorPaths, environment, log), Load(options.Value.IntermediatePaths, environment, log)));

    public sealed record Verified(CertificateFacts Signer, CertificateFacts Issuer, CertificateIdentity Identity);

    public CertificateFacts? Read(byte[] der)
    {
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(der));
        if (_parsed.TryGetValue(key, out var known))
        {
            return known;
        }

        var facts = CertificateFacts.Read(der);
        return facts is null ? null : _parsed.GetOrAdd(key, facts);
    }

    public async Task<(Verified? Result, SignatureFailure? Failure)> VerifyAsync(CertificateFacts signer, IEnumerable<byte[]> offered, DateTime signedAt, CancellationToken ct)
    {
        if (signer.Rsa is null)
        {
            return (null, SignatureFailures.Algorithm);
        }

        if (signer.KeyUsage is not { } usage || (usage & (X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature)) == 0)
        {
            return (null, SignatureFailures.KeyUsage);
        }

        if (signedAt < signer.NotBefore)
        {
            return (null, SignatureFailures.NotYetValid);
        }

        if (signedAt > signer.NotAfter)
        {
            return (null, SignatureFailures.Expired);
        }

        var (anchors, intermediates) = _configured.Value;
        var candidates = intermediates.Concat(offered.Select(Read).OfType<CertificateFacts>()).ToList();
        var path = new List<CertificateFacts> { signer };
        var visited = new HashSet<string>(StringComparer.Ordinal) { signer.Fingerprint };
        var current = signer;
        for (var depth = 0; ; depth++)
        {
            if (depth >= MaxDepth)
            {
                return (null, SignatureFailures.ChainLoop);
            }

            var anchor = anchors.FirstOrDefault(a => current.Issuer.SequenceEqual(a.Subject) && IssuerSigned(current, a));
            if (anchor is not null)
            {
                path.Add(anchor);
                break;
            }

            var named = candidates.Where(c => current.Issuer.SequenceEqual(c.Subject)).ToList();
            var issuer = named.FirstOrDefault(c => IssuerSigned(current, c));
            if (issuer is null)
            {
                // An issuer of that name exists, but its signature does not match these bytes.
                var nameKnown = named.Count > 0 || anchors.Any(a => current.Issuer.SequenceEqual(a.Subject));
                return (null, nameKnown ? (current == signer ? SignatureFailures.Tampered : SignatureFailures.CaInvalid) : SignatureFailures.Untrusted);
            }

            if (!visited.Add(issuer.Fingerprint))
            {
                return (null, SignatureFailures.ChainLoop);
            }

            if (!issuer.IsCa || (issuer.KeyUsage is { } caUsage && (caUsage & X509KeyUsageFlags.KeyCertSign) == 0)
                || signedAt < issuer.NotBefore || signedAt > issuer.NotAfter)
            {
                return (null, SignatureFailures.CaInvalid);
            }

            path.Add(issuer);
            current = issuer;
        }

        // Revocation of each certificate below the anchor, by its issuer's CRL.
        for (var i = 0; i < path.Count - 1; i++)
        {
            var failure = await RevocationAsync(path[i], path[i + 1], ct);
            if (failure is not null)
            {
                return (null, failure);
            }
        }

        return (new Verified(signer, path[1], signer.Identity), null);
    }

    /// <summary>Re-checks revocation of a certificate known only by issuer name and serial (the certificate itself was not kept).</summary>
    public async Task<SignatureFailure?> RevocationBySerialAsync(byte[] issuerName, byte[] serial, CancellationToken ct)
    {
        var (anchors, intermediates) = _configured.Value;
        var issuer = intermediates.Concat(anchors).FirstOrDefault(c => c.Subject.SequenceEqual(issuerName));
        return issuer is null ? SignatureFailures.Untrusted : await CrlStatusAsync(serial, [], issuer, ct);
    }

    private bool IssuerSigned(CertificateFacts child, CertificateFacts issuer) =>
        _issuerSignatures.GetOrAdd((child.Fingerprint, issuer.Fingerprint), _ => issuer.Rsa is { } key && SignedAsn1.Verify(child.Signed, key));

    /// <summary>
    /// OCSP when the certificate names a responder; a responder that cannot be reached gives way
    /// to a CRL when one covers the issuer, else the check fails closed and says OCSP was the cause.
    /// </summary>
    private async Task<SignatureFailure?> RevocationAsync(CertificateFacts certificate, CertificateFacts issuer, CancellationToken ct)
    {
        if (certificate.OcspUrls.Count == 0)
        {
            return await CrlStatusAsync(certificate.SerialNumber, certificate.CrlUrls, issuer, ct);
        }

        var answer = await ocsp.CheckAsync(certificate, issuer, ct);
        switch (answer.Outcome)
        {
            case OcspClient.Outcome.Good:
                return null;
            case OcspClient.Outcome.Revoked:
                return SignatureFailures.OcspRevoked;
            case OcspClient.Outcome.Unknown:
                return SignatureFailures.OcspUnknown;
            case OcspClient.Outcome.BadSignature:
                return SignatureFailures.OcspBadSignature;
            case OcspClient.Outcome.NonceMismatch:
                return SignatureFailures.OcspNonceMismatch;
            case OcspClient.Outcome.Stale:
                return SignatureFailures.OcspStale;
            case OcspClient.Outcome.BadResponse:
                return SignatureFailures.OcspBadResponse;
            default:
                var byCrl = await CrlStatusAsync(certificate.SerialNumber, certificate.CrlUrls, issuer, ct);
                return byCrl == SignatureFailures.NoRevocationSource || byCrl == SignatureFailures.CrlUnavailable ? SignatureFailures.OcspUnavailable : byCrl;
        }
    }

    private async Task<SignatureFailure?> CrlStatusAsync(byte[] serial, IReadOnlyList<string> distributionPoints, CertificateFacts issuer, CancellationToken ct)
    {
        // A distribution point URL in the certificate is where its issuer publishes; JPKI names
        // directory entries instead, and the deployment then says where its CRLs are.
        var sources = distributionPoints.Count > 0 ? distributionPoints : options.Value.CrlSources;
        var unavailable = false;
        foreach (var source in sources)
        {
            var list = await crls.GetAsync(source, ct);
            if (list is null)
            {
                unavailable = true;
                continue;
            }

            if (!list.IssuerName.AsSpan().SequenceEqual(issuer.Subject) || !SignedByIssuer(list, issuer))
            {
                continue;
            }

            return list.IsRevoked(serial) ? SignatureFailures.Revoked : null;
        }

        return unavailable ? SignatureFailures.CrlUnavailable : SignatureFailures.NoRevocationSource;
    }

    private bool SignedByIssuer(RevocationList list, CertificateFacts issuer)
    {
        if (_crlSignedBy.TryGetValue(list, out var by))
        {
            return by == issuer.Fingerprint;
        }

        if (issuer.Rsa is { } key && SignedAsn1.Verify(list.Signed, key))
        {
            _crlSignedBy[list] = issuer.Fingerprint;
            return true;
        }

        return false;
    }

    private static List<CertificateFacts> Load(IEnumerable<string> paths, IHostEnvironment environment, ILogger log)
    {
        var loaded = new List<CertificateFacts>();
        foreach (var path in paths.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            var full = Path.Combine(environment.ContentRootPath, path);
            try
            {
                var bytes = File.ReadAllBytes(full);
                var der = bytes.Length > 0 && bytes[0] == (byte)'-'
                    ? X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(bytes)).RawData
                    : bytes;
                if (CertificateFacts.Read(der) is { } facts)
                {
                    loaded.Add(facts);
                }
                else
                {
                    log.LogError("{Path} does not hold a certificate", full);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                log.LogError("Trust anchor or intermediate {Path} cannot be read: {Reason}", full, e.Message);
            }
        }

        return loaded;
    }
}
