using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Platform.Signatures;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// A certificate read once and kept by its SHA-256 fingerprint: its public key, signed parts and
/// the extensions a verification looks at, so repeated verifications of the same signer parse nothing.
/// </summary>
internal sealed class CertificateFacts
{
    private CertificateFacts(X509Certificate2 certificate, string fingerprint, SignedAsn1.Parts signed)
    {
        Certificate = certificate;
        Fingerprint = fingerprint;
        Signed = signed;
        Rsa = certificate.GetRSAPublicKey();
        var keyUsage = certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault();
        KeyUsage = keyUsage?.KeyUsages;
        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        IsCa = basic is { CertificateAuthority: true };
        NotBefore = certificate.NotBefore.ToUniversalTime();
        NotAfter = certificate.NotAfter.ToUniversalTime();
        SerialNumber = certificate.SerialNumberBytes.ToArray();
        CrlUrls = DistributionPointUrls(certificate);
        OcspUrls = ResponderUrls(certificate);
        _identity = new Lazy<CertificateIdentity>(() => JpkiIdentity.Read(certificate));
    }

    private readonly Lazy<CertificateIdentity> _identity;

    /// <summary>The 基本4情報 of the subjectAltName, read once.</summary>
    public CertificateIdentity Identity => _identity.Value;

    public X509Certificate2 Certificate { get; }

    /// <summary>Lower-case hex SHA-256 of the DER.</summary>
    public string Fingerprint { get; }
    public SignedAsn1.Parts Signed { get; }
    public RSA? Rsa { get; }
    public X509KeyUsageFlags? KeyUsage { get; }
    public bool IsCa { get; }
    public DateTime NotBefore { get; }
    public DateTime NotAfter { get; }
    public byte[] SerialNumber { get; }
    public IReadOnlyList<string> CrlUrls { get; }

    /// <summary>http(s) OCSP responders named by the authority information access extension (id-ad-ocsp).</summary>
    public IReadOnlyList<string> OcspUrls { get; }
    public ReadOnlySpan<byte> Subject => Certificate.SubjectName.RawData;
    public ReadOnlySpan<byte> Issuer => Certificate.IssuerName.RawData;

    public static CertificateFacts? Read(byte[] der)
    {
        var signed = SignedAsn1.Split(der);
        if (signed is null)
        {
            return null;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadCertificate(der);
            return new CertificateFacts(certificate, Convert.ToHexStringLower(SHA256.HashData(der)), signed);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static List<string> ResponderUrls(X509Certificate2 certificate)
    {
        if (certificate.Extensions["1.3.6.1.5.5.7.1.1"] is not { } extension)
        {
            return [];
        }

        try
        {
            return new X509AuthorityInformationAccessExtension(extension.RawData, extension.Critical).EnumerateOcspUris()
                .Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                .ToList();
        }
        catch (CryptographicException)
        {
            // An unreadable extension names no responder; the CRL sources then answer.
            return [];
        }
    }

    /// <summary>http(s) URIs among the CRL distribution points (RFC 5280 §4.2.1.13); JPKI's directory names are skipped.</summary>
    private static List<string> DistributionPointUrls(X509Certificate2 certificate)
    {
        var urls = new List<string>();
        var extension = certificate.Extensions["2.5.29.31"];
        if (extension is null)
        {
            return urls;
        }

        try
        {
            var points = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            var zero = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
            while (points.HasData)
            {
                var point = points.ReadSequence();
                if (!point.HasData || !point.PeekTag().HasSameClassAndValue(zero))
                {
                    continue;
                }

                var name = point.ReadSequence(zero);
                if (!name.HasData || !name.PeekTag().HasSameClassAndValue(zero))
                {
                    continue;
                }

                var fullName = name.ReadSequence(zero);
                while (fullName.HasData)
                {
                    if (fullName.PeekTag().HasSameClassAndValue(uriTag))
                    {
                        var url = fullName.ReadCharacterString(UniversalTagNumber.IA5String, uriTag);
                        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                        {
                            urls.Add(url);
                        }
                    }
                    else
                    {
                        fullName.ReadEncodedValue();
                    }
                }
            }
        }
        catch (AsnContentException)
        {
            // An unreadable distribution point names no URL; the configured sources then answer.
        }

        return urls;
    }
}
