using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Madoguchi.Identity.Signatures.DevSignService;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// A JPKI-shaped test PKI made fresh for each test class: a root and an intermediate CA with their
/// CRLs written to files, a good resident certificate, and one certificate for each way a
/// signature must be refused. Nothing here is a real JPKI certificate.
/// </summary>
public sealed class TestPki : IDisposable
{
    internal static readonly JpkiCertificateFactory.Person Yamada = new("山田　太郎", "宮城県塩竈市旭町1番1号", new DateOnly(1980, 4, 1), "1");

    public TestPki()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("madoguchi-pki-").FullName;
        var now = DateTimeOffset.UtcNow;
        Root = JpkiCertificateFactory.CreateRoot("Test JPKI Sign Root", now.AddYears(-2), now.AddYears(8));
        IntermediateKey = RSA.Create(2048);
        Intermediate = JpkiCertificateFactory.CreateIntermediate(Root, "Test JPKI Sign CA", now.AddYears(-1), now.AddYears(7), IntermediateKey)
            .CopyWithPrivateKey(IntermediateKey);

        Good = Resident(now.AddDays(-30), now.AddYears(4));
        Expired = Resident(now.AddYears(-6), now.AddDays(-1));
        NotYetValid = Resident(now.AddDays(2), now.AddYears(5));
        Revoked = Resident(now.AddDays(-30), now.AddYears(4));
        WrongKeyUsage = Resident(now.AddDays(-30), now.AddYears(4), X509KeyUsageFlags.KeyEncipherment);
        UnreachableCrl = Resident(now.AddDays(-30), now.AddYears(4), crlUrl: "http://127.0.0.1:9/unreachable.crl");

        var otherRoot = JpkiCertificateFactory.CreateRoot("Unknown Sign CA", now.AddYears(-2), now.AddYears(8));
        WrongIssuer = JpkiCertificateFactory.CreateResident(otherRoot, Yamada, RSA.Create(2048), now.AddDays(-30), now.AddYears(4));
        Tampered = TamperName(Good);

        // Two CAs that certify each other and never reach the root.
        var loopKeyA = RSA.Create(2048);
        var loopKeyB = RSA.Create(2048);
        var loopRootA = JpkiCertificateFactory.CreateRoot("Loop CA A", now.AddYears(-1), now.AddYears(5), loopKeyA);
        var loopRootB = JpkiCertificateFactory.CreateRoot("Loop CA B", now.AddYears(-1), now.AddYears(5), loopKeyB);
        LoopA = JpkiCertificateFactory.CreateIntermediate(loopRootB, "Loop CA A", now.AddYears(-1), now.AddYears(5), loopKeyA);
        LoopB = JpkiCertificateFactory.CreateIntermediate(loopRootA, "Loop CA B", now.AddYears(-1), now.AddYears(5), loopKeyB);
        InLoop = JpkiCertificateFactory.CreateResident(LoopA.CopyWithPrivateKey(loopKeyA), Yamada, RSA.Create(2048), now.AddDays(-30), now.AddYears(4));

        // A second issuing CA whose revocation is told only by its OCSP responder (no CRL configured for it).
        var ocspCaKey = RSA.Create(2048);
        OcspCa = JpkiCertificateFactory.CreateIntermediate(Root, "Test JPKI Sign CA (OCSP)", now.AddYears(-1), now.AddYears(7), ocspCaKey)
            .CopyWithPrivateKey(ocspCaKey);
        OcspDelegate = OcspResponder.CreateDelegate(OcspCa, now.AddDays(-1), now.AddYears(1));
        Responder = new OcspResponder(OcspCa, OcspDelegate, TimeSpan.FromHours(1));
        ResponderByCa = new OcspResponder(OcspCa, OcspCa, TimeSpan.FromHours(1));

        RootPath = Path.Combine(Directory, "root.pem");
        File.WriteAllText(RootPath, Root.ExportCertificatePem());
        RootCrlPath = Path.Combine(Directory, "root.crl");
        File.WriteAllBytes(RootCrlPath, JpkiCertificateFactory.CreateCrl(Root, [], now.AddMinutes(-5), now.AddDays(7), 1));
        IntermediateCrlPath = Path.Combine(Directory, "intermediate.crl");
        File.WriteAllBytes(IntermediateCrlPath, JpkiCertificateFactory.CreateCrl(Intermediate, [Revoked.SerialNumberBytes.ToArray()], now.AddMinutes(-5), now.AddDays(1), 1));
    }

    public string Directory { get; }
    public X509Certificate2 OcspCa { get; }
    public X509Certificate2 OcspDelegate { get; }

    /// <summary>The OCSP CA's responder, answering through its delegated responder certificate.</summary>
    internal OcspResponder Responder { get; }

    /// <summary>The same CA answering with its own key.</summary>
    internal OcspResponder ResponderByCa { get; }
    public X509Certificate2 Root { get; }
    public RSA IntermediateKey { get; }
    public X509Certificate2 Intermediate { get; }
    public X509Certificate2 Good { get; }
    public X509Certificate2 Expired { get; }
    public X509Certificate2 NotYetValid { get; }
    public X509Certificate2 Revoked { get; }
    public X509Certificate2 WrongKeyUsage { get; }
    public X509Certificate2 WrongIssuer { get; }
    public X509Certificate2 Tampered { get; }
    public X509Certificate2 UnreachableCrl { get; }
    public X509Certificate2 LoopA { get; }
    public X509Certificate2 LoopB { get; }
    public X509Certificate2 InLoop { get; }
    public string RootPath { get; }
    public string RootCrlPath { get; }
    public string IntermediateCrlPath { get; }

    /// <summary>The intermediate travels in every CMS, as signing software includes the chain.</summary>
    public IReadOnlyList<X509Certificate2> ChainFor(X509Certificate2 signer) =>
        signer == InLoop ? [LoopA, LoopB] : signer.IssuerName.RawData.AsSpan().SequenceEqual(OcspCa.SubjectName.RawData) ? [OcspCa] : [Intermediate];

    /// <summary>
    /// A resident certificate of the OCSP CA naming <paramref name="ocspUrl"/> as its responder;
    /// both responders know it (as good, or revoked) unless <paramref name="known"/> is false.
    /// </summary>
    public X509Certificate2 OcspResident(string ocspUrl, bool known = true, bool revoked = false)
    {
        var now = DateTimeOffset.UtcNow;
        var certificate = JpkiCertificateFactory.CreateResident(OcspCa, Yamada, RSA.Create(2048), now.AddDays(-30), now.AddYears(4), ocspUrl: ocspUrl);
        if (known)
        {
            var revocation = revoked ? new OcspResponder.Revocation(now.AddDays(-2), X509RevocationReason.KeyCompromise) : null;
            Responder.Knows(certificate, revocation);
            ResponderByCa.Knows(certificate, revocation);
        }

        return certificate;
    }

    /// <summary>A detached CMS/PKCS#7 SignedData (RSA PKCS#1 v1.5, SHA-256) over <paramref name="content"/>.</summary>
    public byte[] SignCms(X509Certificate2 signer, byte[] content)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var cmsSigner = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, signer)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        cmsSigner.Certificates.AddRange(ChainFor(signer).ToArray());
        cms.ComputeSignature(cmsSigner, silent: true);
        return cms.Encode();
    }

    private X509Certificate2 Resident(DateTimeOffset notBefore, DateTimeOffset notAfter,
        X509KeyUsageFlags usage = X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, string? crlUrl = null) =>
        JpkiCertificateFactory.CreateResident(Intermediate, Yamada, RSA.Create(2048), notBefore, notAfter, usage, crlUrl);

    /// <summary>The good certificate with its name changed in place (太郎 → 次郎, same length): the issuer's signature no longer matches.</summary>
    private static X509Certificate2 TamperName(X509Certificate2 original)
    {
        var der = original.RawData;
        var from = Encoding.UTF8.GetBytes("太郎");
        var to = Encoding.UTF8.GetBytes("次郎");
        var at = der.AsSpan().IndexOf(from);
        to.CopyTo(der, at);
        using var key = original.GetRSAPrivateKey()!;
        return X509CertificateLoader.LoadCertificate(der).CopyWithPrivateKey(key);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder.
        }
    }
}
