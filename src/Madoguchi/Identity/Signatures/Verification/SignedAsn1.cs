using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// The shape X.509 certificates, CRLs and OCSP responses share: SEQUENCE { tbs, AlgorithmIdentifier,
/// BIT STRING signature }. Checking the issuer's signature on it directly (rather than through
/// X509Chain) lets every failure have its own message and keeps a verification to a few microseconds.
/// </summary>
internal static class SignedAsn1
{
    public const string Sha256WithRsa = "1.2.840.113549.1.1.11";
    public const string Sha384WithRsa = "1.2.840.113549.1.1.12";
    public const string Sha512WithRsa = "1.2.840.113549.1.1.13";

    public sealed record Parts(ReadOnlyMemory<byte> Tbs, string AlgorithmOid, byte[] Signature);

    /// <summary>Splits a signed structure; null when the bytes are not one.</summary>
    public static Parts? Split(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = outer.ReadEncodedValue();
            var algorithm = outer.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);
            return new Parts(tbs, oid, signature);
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    public static bool Verify(Parts parts, RSA issuerKey)
    {
        HashAlgorithmName? hash = parts.AlgorithmOid switch
        {
            Sha256WithRsa => HashAlgorithmName.SHA256,
            Sha384WithRsa => HashAlgorithmName.SHA384,
            Sha512WithRsa => HashAlgorithmName.SHA512,
            _ => null,
        };
        return hash is { } h && issuerKey.VerifyData(parts.Tbs.Span, parts.Signature, h, RSASignaturePadding.Pkcs1);
    }
}
