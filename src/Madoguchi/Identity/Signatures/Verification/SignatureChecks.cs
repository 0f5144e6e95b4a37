using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Madoguchi.Platform.Signatures;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// The two shapes a signature arrives in: a raw RSA PKCS#1 v1.5 signature over the SHA-256
/// DigestInfo (what the card makes through the デジタル認証アプリ), and a detached CMS/PKCS#7
/// SignedData over the canonical bytes (other signing software). Both end in the same certificate checks.
/// </summary>
internal sealed class SignatureChecks(CertificateVerifier certificates)
{
    private const string RsaEncryption = "1.2.840.113549.1.1.1";

    public async Task<(CertificateVerifier.Verified? Result, SignatureFailure? Failure)> VerifyRawAsync(
        byte[] digest, byte[] signature, byte[] certificate, IEnumerable<byte[]> chain, DateTime signedAt, CancellationToken ct)
    {
        if (certificates.Read(certificate) is not { } signer)
        {
            return (null, SignatureFailures.CertificateUnreadable);
        }

        if (signer.Rsa is not { } key)
        {
            return (null, SignatureFailures.Algorithm);
        }

        if (!key.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return (null, SignatureFailures.Mismatch);
        }

        return await certificates.VerifyAsync(signer, chain, signedAt, ct);
    }

    public async Task<(CertificateVerifier.Verified? Result, SignatureFailure? Failure)> VerifyCmsAsync(
        byte[] document, byte[] cms, DateTime signedAt, CancellationToken ct)
    {
        var signed = new SignedCms(new ContentInfo(document), detached: true);
        try
        {
            // SignedCms reports unreadable input only by throwing; it is an expected outcome here.
            signed.Decode(cms);
        }
        catch (CryptographicException)
        {
            return (null, SignatureFailures.CmsUnreadable);
        }

        if (signed.SignerInfos.Count != 1)
        {
            return (null, SignatureFailures.CmsUnreadable);
        }

        var signer = signed.SignerInfos[0];
        if (signer.Certificate is null)
        {
            return (null, SignatureFailures.NoCertificate);
        }

        if (signer.DigestAlgorithm.Value != DigestInfo.Sha256Oid
            || signer.SignatureAlgorithm.Value is not (RsaEncryption or SignedAsn1.Sha256WithRsa))
        {
            return (null, SignatureFailures.Algorithm);
        }

        try
        {
            signer.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException)
        {
            return (null, SignatureFailures.Mismatch);
        }

        if (certificates.Read(signer.Certificate.RawData) is not { } facts)
        {
            return (null, SignatureFailures.CertificateUnreadable);
        }

        return await certificates.VerifyAsync(facts, signed.Certificates.Select(c => c.RawData), signedAt, ct);
    }
}
