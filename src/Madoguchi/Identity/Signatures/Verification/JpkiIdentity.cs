using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Platform.Signatures;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// The 基本4情報 of a JPKI signing certificate (署名用電子証明書): six subjectAltName otherNames
/// under 1.2.392.200149.8.5.5 (J-LIS 公的個人認証サービス プロファイル仕様書), each value an
/// [0] EXPLICIT UTF8String. Birth dates are "EYYYYMMDD" (era digit, then the Gregorian date).
/// </summary>
internal static class JpkiIdentity
{
    public const string NameOid = "1.2.392.200149.8.5.5.1";
    public const string NameSubstitutesOid = "1.2.392.200149.8.5.5.2";
    public const string GenderOid = "1.2.392.200149.8.5.5.3";
    public const string BirthDateOid = "1.2.392.200149.8.5.5.4";
    public const string AddressOid = "1.2.392.200149.8.5.5.5";
    public const string AddressSubstitutesOid = "1.2.392.200149.8.5.5.6";

    private const string SubjectAltNameOid = "2.5.29.17";

    public static CertificateIdentity Read(X509Certificate2 certificate)
    {
        var values = OtherNames(certificate);
        return new CertificateIdentity(
            values.GetValueOrDefault(NameOid),
            values.GetValueOrDefault(AddressOid),
            BirthDate(values.GetValueOrDefault(BirthDateOid)),
            values.GetValueOrDefault(GenderOid));
    }

    /// <summary>"EYYYYMMDD"; era 0 (unknown) or a partial date (zeros) yields none rather than a guess.</summary>
    public static DateOnly? BirthDate(string? value) =>
        value is { Length: 9 } && value[0] is >= '1' and <= '9'
        && DateOnly.TryParseExact(value[1..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;

    private static Dictionary<string, string> OtherNames(X509Certificate2 certificate)
    {
        var values = new Dictionary<string, string>();
        var extension = certificate.Extensions[SubjectAltNameOid];
        if (extension is null)
        {
            return values;
        }

        try
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            var otherNameTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            while (names.HasData)
            {
                if (!names.PeekTag().HasSameClassAndValue(otherNameTag))
                {
                    names.ReadEncodedValue();
                    continue;
                }

                var otherName = names.ReadSequence(otherNameTag);
                var oid = otherName.ReadObjectIdentifier();
                var explicitValue = otherName.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
                var tag = explicitValue.PeekTag();
                var text = tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.UTF8String))
                    ? explicitValue.ReadCharacterString(UniversalTagNumber.UTF8String)
                    : tag.HasSameClassAndValue(new Asn1Tag(UniversalTagNumber.PrintableString))
                        ? explicitValue.ReadCharacterString(UniversalTagNumber.PrintableString)
                        : null;
                if (text is not null)
                {
                    values[oid] = text;
                }
            }
        }
        catch (AsnContentException)
        {
            // An unreadable subjectAltName carries no identity; the signature itself is judged elsewhere.
        }

        return values;
    }
}
