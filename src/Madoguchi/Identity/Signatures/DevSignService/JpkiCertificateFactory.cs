using System.Formats.Asn1;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Identity.Signatures.Verification;

namespace Madoguchi.Identity.Signatures.DevSignService;

/// <summary>
/// Makes certificates in the JPKI signing profile (RSA-2048, sha256WithRSAEncryption, key usage
/// nonRepudiation + digitalSignature, the 基本4情報 as subjectAltName otherNames) for the
/// development signing service and the tests. Never a real JPKI certificate: the CA is made here.
/// </summary>
internal static class JpkiCertificateFactory
{
    public sealed record Person(string Name, string Address, DateOnly BirthDate, string Gender);

    public static X509Certificate2 CreateRoot(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, RSA? key = null)
    {
        key ??= RSA.Create(2048);
        var request = new CertificateRequest(CaName(commonName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    public static X509Certificate2 CreateIntermediate(X509Certificate2 issuer, string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, RSA key, string? crlUrl = null)
    {
        var request = new CertificateRequest(CaName(commonName), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (crlUrl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));
        }

        using var rsa = issuer.GetRSAPrivateKey()!;
        return request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            notBefore, notAfter, NewSerial());
    }

    /// <summary>A resident's signing certificate; <paramref name="usage"/> other than the JPKI one makes the wrong-key-usage case.</summary>
    public static X509Certificate2 CreateResident(X509Certificate2 issuer, Person person, RSA key, DateTimeOffset notBefore, DateTimeOffset notAfter,
        X509KeyUsageFlags usage = X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.DigitalSignature, string? crlUrl = null, byte[]? serial = null, string? ocspUrl = null)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCountryOrRegion("JP");
        subject.AddLocalityName("Miyagi-ken");
        subject.AddLocalityName("Shiogama-shi");
        subject.AddCommonName(Convert.ToHexString(RandomNumberGenerator.GetBytes(8)));
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        request.CertificateExtensions.Add(new X509Extension("2.5.29.17", BasicFields(person), false));
        if (crlUrl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));
        }

        if (ocspUrl is not null)
        {
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension([ocspUrl], null));
        }

        using var rsa = issuer.GetRSAPrivateKey()!;
        var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            notBefore, notAfter, serial ?? NewSerial());
        return certificate.CopyWithPrivateKey(key);
    }

    /// <summary>A CRL signed by <paramref name="issuer"/> revoking <paramref name="serials"/>.</summary>
    public static byte[] CreateCrl(X509Certificate2 issuer, IEnumerable<byte[]> serials, DateTimeOffset thisUpdate, DateTimeOffset nextUpdate, BigInteger number)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var serial in serials)
        {
            builder.AddEntry(serial, thisUpdate.AddMinutes(-1), X509RevocationReason.AffiliationChanged);
        }

        return builder.Build(issuer, number, nextUpdate, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, thisUpdate);
    }

    /// <summary>The six otherNames of the JPKI profile: 氏名, its substitute map, 性別, 生年月日 (EYYYYMMDD), 住所, its substitute map.</summary>
    public static byte[] BasicFields(Person person)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            OtherName(writer, JpkiIdentity.NameOid, person.Name);
            OtherName(writer, JpkiIdentity.NameSubstitutesOid, new string('0', person.Name.Length));
            OtherName(writer, JpkiIdentity.GenderOid, person.Gender);
            OtherName(writer, JpkiIdentity.BirthDateOid, Era(person.BirthDate) + person.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            OtherName(writer, JpkiIdentity.AddressOid, person.Address);
            OtherName(writer, JpkiIdentity.AddressSubstitutesOid, new string('0', person.Address.Length));
        }

        return writer.Encode();
    }

    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01;
        return serial;
    }

    private static void OtherName(AsnWriter writer, string oid, string value)
    {
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, value);
            }
        }
    }

    /// <summary>JPKI era digit: 1 明治, 2 大正, 3 昭和, 4 平成, 5 令和.</summary>
    private static char Era(DateOnly date) => date switch
    {
        { Year: >= 2019 } when date >= new DateOnly(2019, 5, 1) => '5',
        _ when date >= new DateOnly(1989, 1, 8) => '4',
        _ when date >= new DateOnly(1926, 12, 25) => '3',
        _ when date >= new DateOnly(1912, 7, 30) => '2',
        _ => '1',
    };

    private static X500DistinguishedName CaName(string commonName)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("JP");
        name.AddOrganizationName("JPKI (development)");
        name.AddOrganizationalUnitName("JPKI for digital signature");
        name.AddCommonName(commonName);
        return name.Build();
    }
}
