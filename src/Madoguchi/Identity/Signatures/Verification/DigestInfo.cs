using System.Formats.Asn1;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>RFC 8017 §9.2 DigestInfo for SHA-256: what the card signs with PKCS#1 v1.5 padding.</summary>
internal static class DigestInfo
{
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public static byte[] ForSha256(ReadOnlySpan<byte> digest)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Sha256Oid);
                writer.WriteNull();
            }

            writer.WriteOctetString(digest);
        }

        return writer.Encode();
    }

    /// <summary>The SHA-256 digest inside a DER DigestInfo; null when it is not one for SHA-256.</summary>
    public static byte[]? ReadSha256(ReadOnlyMemory<byte> der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var algorithm = sequence.ReadSequence();
            if (algorithm.ReadObjectIdentifier() != Sha256Oid)
            {
                return null;
            }

            if (algorithm.HasData)
            {
                algorithm.ReadNull();
            }

            var digest = sequence.ReadOctetString();
            return digest.Length == 32 ? digest : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}
