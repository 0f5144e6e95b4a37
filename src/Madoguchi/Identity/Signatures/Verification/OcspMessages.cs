using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// The OCSP messages of RFC 6960 in DER, read and written with System.Formats.Asn1: the request
/// (one CertID and a nonce extension, RFC 8954) and the BasicOCSPResponse. Shared by the client
/// and by the local responder that the tests and the demo run, so both speak the same bytes.
/// </summary>
internal static class OcspMessages
{
    public const string RequestMediaType = "application/ocsp-request";
    public const string ResponseMediaType = "application/ocsp-response";
    public const string BasicResponseOid = "1.3.6.1.5.5.7.48.1.1";
    public const string NonceOid = "1.3.6.1.5.5.7.48.1.2";
    public const string OcspSigningPurposeOid = "1.3.6.1.5.5.7.3.9";
    public const string Sha1Oid = "1.3.14.3.2.26";
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    /// <summary>OCSPResponseStatus (RFC 6960 §4.2.1).</summary>
    public enum ResponseStatus
    {
        Successful = 0,
        MalformedRequest = 1,
        InternalError = 2,
        TryLater = 3,
        SigRequired = 5,
        Unauthorized = 6,
    }

    public enum CertStatus
    {
        Good,
        Revoked,
        Unknown,
    }

    /// <summary>CertID: hashes of the issuer's DER name and of its public key bits, and the serial number.</summary>
    public sealed record CertId(string HashOid, byte[] IssuerNameHash, byte[] IssuerKeyHash, byte[] Serial)
    {
        public static CertId For(byte[] serial, CertificateFacts issuer, string hashOid) =>
            new(hashOid, Hash(hashOid, issuer.Subject), Hash(hashOid, issuer.Certificate.PublicKey.EncodedKeyValue.RawData), serial);

        public bool SameAs(CertId other) =>
            HashOid == other.HashOid && IssuerNameHash.AsSpan().SequenceEqual(other.IssuerNameHash)
            && IssuerKeyHash.AsSpan().SequenceEqual(other.IssuerKeyHash) && Serial.AsSpan().SequenceEqual(other.Serial);

        public void WriteTo(AsnWriter writer)
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(HashOid);
                    writer.WriteNull();
                }

                writer.WriteOctetString(IssuerNameHash);
                writer.WriteOctetString(IssuerKeyHash);
                writer.WriteInteger(Serial);
            }
        }

        public static CertId Read(AsnReader reader)
        {
            var sequence = reader.ReadSequence();
            var algorithm = sequence.ReadSequence();
            var oid = algorithm.ReadObjectIdentifier();
            return new CertId(oid, sequence.ReadOctetString(), sequence.ReadOctetString(), sequence.ReadIntegerBytes().ToArray());
        }
    }

    /// <summary>The CertID hash: SHA-256, or SHA-1 (the RFC 5019 default most responders index by).</summary>
    public static byte[] Hash(string hashOid, ReadOnlySpan<byte> data) => hashOid switch
    {
        Sha256Oid => SHA256.HashData(data),
        // SHA-1 only as the CertID lookup key (RFC 5019 profile), never for a signature.
        _ => SHA1.HashData(data),
    };

    public static byte[] EncodeRequest(CertId id, byte[] nonce)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    using (writer.PushSequence())
                    {
                        id.WriteTo(writer);
                    }
                }

                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
                {
                    using (writer.PushSequence())
                    {
                        WriteNonce(writer, nonce);
                    }
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>The first CertID and the nonce of a request; null when the bytes are not an OCSPRequest.</summary>
    public static (CertId Id, byte[]? Nonce)? DecodeRequest(ReadOnlyMemory<byte> der)
    {
        try
        {
            var request = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbs = request.ReadSequence();
            SkipTagged(tbs, 0);
            SkipTagged(tbs, 1);
            var list = tbs.ReadSequence();
            var first = list.ReadSequence();
            var id = CertId.Read(first);
            byte[]? nonce = null;
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
            {
                nonce = ReadNonce(tbs.ReadSequence(extensionsTag).ReadSequence());
            }

            return (id, nonce);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException)
        {
            return null;
        }
    }

    public sealed record SingleResponse(CertId Id, CertStatus Status, DateTime? RevokedAt, int? RevocationReason, DateTime ThisUpdate, DateTime? NextUpdate);

    /// <summary>A parsed OCSPResponse. <see cref="Signed"/> is null unless the status is successful.</summary>
    public sealed record Response(
        ResponseStatus Status,
        SignedAsn1.Parts? Signed,
        byte[]? ResponderName,
        byte[]? ResponderKeyHash,
        DateTime ProducedAt,
        IReadOnlyList<SingleResponse> Responses,
        byte[]? Nonce,
        IReadOnlyList<byte[]> Certificates);

    /// <summary>Reads an OCSPResponse with a BasicOCSPResponse; null when the bytes are not one.</summary>
    public static Response? DecodeResponse(ReadOnlyMemory<byte> der)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var status = outer.ReadEnumeratedValue<ResponseStatus>();
            if (status != ResponseStatus.Successful)
            {
                return new Response(status, null, null, null, default, [], null, []);
            }

            var bytes = outer.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)).ReadSequence();
            if (bytes.ReadObjectIdentifier() != BasicResponseOid)
            {
                return null;
            }

            var basicDer = bytes.ReadOctetString();
            var signed = SignedAsn1.Split(basicDer);
            if (signed is null)
            {
                return null;
            }

            var basic = new AsnReader(basicDer, AsnEncodingRules.DER).ReadSequence();
            basic.ReadEncodedValue();
            basic.ReadSequence();
            basic.ReadBitString(out _);
            var certificates = new List<byte[]>();
            var certsTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (basic.HasData && basic.PeekTag().HasSameClassAndValue(certsTag))
            {
                var certs = basic.ReadSequence(certsTag).ReadSequence();
                while (certs.HasData)
                {
                    certificates.Add(certs.ReadEncodedValue().ToArray());
                }
            }

            var data = new AsnReader(signed.Tbs, AsnEncodingRules.DER).ReadSequence();
            SkipTagged(data, 0);
            byte[]? byName = null;
            byte[]? byKey = null;
            var responder = data.PeekTag();
            if (responder.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            {
                byName = data.ReadSequence(responder).ReadEncodedValue().ToArray();
            }
            else
            {
                byKey = data.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)).ReadOctetString();
            }

            var producedAt = data.ReadGeneralizedTime().UtcDateTime;
            var responses = new List<SingleResponse>();
            var list = data.ReadSequence();
            while (list.HasData)
            {
                responses.Add(ReadSingle(list.ReadSequence()));
            }

            byte[]? nonce = null;
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
            if (data.HasData && data.PeekTag().HasSameClassAndValue(extensionsTag))
            {
                nonce = ReadNonce(data.ReadSequence(extensionsTag).ReadSequence());
            }

            return new Response(status, signed, byName, byKey, producedAt, responses, nonce, certificates);
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Writes the nonce extension: extnValue is the DER of an OCTET STRING holding the nonce (RFC 8954).</summary>
    public static void WriteNonce(AsnWriter writer, byte[] nonce)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(NonceOid);
            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(nonce);
            writer.WriteOctetString(inner.Encode());
        }
    }

    private static SingleResponse ReadSingle(AsnReader single)
    {
        var id = CertId.Read(single);
        var statusTag = single.PeekTag();
        CertStatus status;
        DateTime? revokedAt = null;
        int? reason = null;
        if (statusTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
        {
            single.ReadNull(new Asn1Tag(TagClass.ContextSpecific, 0));
            status = CertStatus.Good;
        }
        else if (statusTag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
        {
            var info = single.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true));
            revokedAt = info.ReadGeneralizedTime().UtcDateTime;
            var reasonTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (info.HasData && info.PeekTag().HasSameClassAndValue(reasonTag))
            {
                reason = (int)info.ReadSequence(reasonTag).ReadEnumeratedValue<System.Security.Cryptography.X509Certificates.X509RevocationReason>();
            }

            status = CertStatus.Revoked;
        }
        else
        {
            single.ReadNull(new Asn1Tag(TagClass.ContextSpecific, 2));
            status = CertStatus.Unknown;
        }

        var thisUpdate = single.ReadGeneralizedTime().UtcDateTime;
        DateTime? nextUpdate = null;
        var nextTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (single.HasData && single.PeekTag().HasSameClassAndValue(nextTag))
        {
            nextUpdate = single.ReadSequence(nextTag).ReadGeneralizedTime().UtcDateTime;
        }

        return new SingleResponse(id, status, revokedAt, reason, thisUpdate, nextUpdate);
    }

    private static byte[]? ReadNonce(AsnReader extensions)
    {
        while (extensions.HasData)
        {
            var extension = extensions.ReadSequence();
            var oid = extension.ReadObjectIdentifier();
            if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            {
                extension.ReadBoolean();
            }

            var value = extension.ReadOctetString();
            if (oid == NonceOid)
            {
                // RFC 8954 wraps the nonce in an OCTET STRING; some older responders put the raw bytes.
                try
                {
                    var inner = new AsnReader(value, AsnEncodingRules.DER);
                    var nonce = inner.ReadOctetString();
                    return inner.HasData ? value : nonce;
                }
                catch (AsnContentException)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static void SkipTagged(AsnReader reader, int tagNumber)
    {
        if (reader.HasData && reader.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, tagNumber, isConstructed: true)))
        {
            reader.ReadEncodedValue();
        }
    }
}
