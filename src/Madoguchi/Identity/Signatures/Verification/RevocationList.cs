using System.Formats.Asn1;
using System.Numerics;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// A parsed X.509 CRL (RFC 5280 §5): who issued it, when it was made and runs out, and the revoked
/// serial numbers in a hash set, so a lookup costs the same for 10 entries or 100,000.
/// </summary>
internal sealed class RevocationList
{
    private readonly HashSet<BigInteger> _revoked;

    private RevocationList(byte[] issuer, DateTime thisUpdate, DateTime? nextUpdate, HashSet<BigInteger> revoked, SignedAsn1.Parts signed)
    {
        IssuerName = issuer;
        ThisUpdate = thisUpdate;
        NextUpdate = nextUpdate;
        _revoked = revoked;
        Signed = signed;
    }

    /// <summary>The DER of the issuer's Name, compared with a certificate's issuer.</summary>
    public byte[] IssuerName { get; }
    public DateTime ThisUpdate { get; }
    public DateTime? NextUpdate { get; }
    public SignedAsn1.Parts Signed { get; }
    public int Count => _revoked.Count;

    public bool IsRevoked(ReadOnlySpan<byte> serialNumber) => _revoked.Contains(new BigInteger(serialNumber, isUnsigned: true, isBigEndian: true));

    /// <summary>Reads a DER (or PEM "X509 CRL") CRL; null when it is not one.</summary>
    public static RevocationList? Parse(byte[] bytes)
    {
        var der = bytes;
        if (bytes.Length > 0 && bytes[0] == (byte)'-')
        {
            var pem = System.Text.Encoding.ASCII.GetString(bytes);
            if (!System.Security.Cryptography.PemEncoding.TryFind(pem, out var fields))
            {
                return null;
            }

            der = Convert.FromBase64String(pem[fields.Base64Data]);
        }

        var signed = SignedAsn1.Split(der);
        if (signed is null)
        {
            return null;
        }

        try
        {
            var tbs = new AsnReader(signed.Tbs, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger();
            }

            tbs.ReadSequence();
            var issuer = tbs.ReadEncodedValue().ToArray();
            var thisUpdate = ReadTime(tbs);
            DateTime? nextUpdate = null;
            if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
            {
                nextUpdate = ReadTime(tbs);
            }

            var revoked = new HashSet<BigInteger>();
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    var serial = entry.ReadIntegerBytes().Span;
                    revoked.Add(new BigInteger(serial, isUnsigned: true, isBigEndian: true));
                }
            }

            return new RevocationList(issuer, thisUpdate, nextUpdate, revoked, signed);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static DateTime ReadTime(AsnReader reader) =>
        (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime()).UtcDateTime;
}
