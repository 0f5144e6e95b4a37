using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Madoguchi.Identity.Signatures.Verification;

namespace Madoguchi.Identity.Signatures.DevSignService;

/// <summary>
/// A local OCSP responder (RFC 6960) for one issuing CA, for the tests and the demo: it reads
/// POSTed application/ocsp-request bodies and GET requests (appendix A.1), answers good / revoked / unknown for the serials it
/// knows, echoes the nonce and signs the BasicOCSPResponse with the CA's key or with a delegated
/// responder certificate (id-kp-OCSPSigning) that it includes. <see cref="Fault"/> makes the
/// misbehaving responders the verifier must refuse; a real responder has none.
/// </summary>
internal sealed class OcspResponder(X509Certificate2 issuer, X509Certificate2 signer, TimeSpan validity)
{
    public enum Fault
    {
        None,
        /// <summary>Signed by a key the issuer never certified for OCSP.</summary>
        BadSignature,
        /// <summary>Answers with another nonce than the one asked with.</summary>
        WrongNonce,
        /// <summary>An answer whose nextUpdate has passed.</summary>
        Stale,
    }

    public sealed record Revocation(DateTimeOffset At, X509RevocationReason Reason);

    /// <summary>Serials (hex, upper case) this CA issued, with their revocation if revoked.</summary>
    public ConcurrentDictionary<string, Revocation?> Issued { get; } = new(StringComparer.Ordinal);

    public int Requests;

    /// <summary>Of <see cref="Requests"/>, how many came as GET (RFC 6960 A.1) and how many as POST.</summary>
    public int GetRequests;
    public int PostRequests;

    public void Knows(X509Certificate2 certificate, Revocation? revocation = null) =>
        Issued[Convert.ToHexString(certificate.SerialNumberBytes.Span)] = revocation;

    /// <summary>Answers POSTed application/ocsp-request bodies at <paramref name="path"/> and GETs of {path}/{url-encoded base64 request}.</summary>
    public void Map(IEndpointRouteBuilder routes, string path, Fault fault = Fault.None)
    {
        routes.MapPost(path, async (HttpContext context) =>
        {
            Interlocked.Increment(ref Requests);
            Interlocked.Increment(ref PostRequests);
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var bytes = context.Request.ContentType?.StartsWith(OcspMessages.RequestMediaType, StringComparison.OrdinalIgnoreCase) == true
                ? Answer(body.ToArray(), fault)
                : Status(OcspMessages.ResponseStatus.MalformedRequest);
            return Results.Bytes(bytes, OcspMessages.ResponseMediaType);
        }).DisableAntiforgery();
        routes.MapGet(path.TrimEnd('/') + "/{**request}", (string request) =>
        {
            Interlocked.Increment(ref Requests);
            Interlocked.Increment(ref GetRequests);
            var der = FromGetPath(request);
            return Results.Bytes(der is null ? Status(OcspMessages.ResponseStatus.MalformedRequest) : Answer(der, fault), OcspMessages.ResponseMediaType);
        });
    }

    /// <summary>
    /// The request of a GET: base64, URL-escaped (an escaped '/' reaches the route still escaped,
    /// an unescaped one as a path separator the catch-all keeps); base64url is taken too, as some clients send it.
    /// </summary>
    private static byte[]? FromGetPath(string path)
    {
        var text = Uri.UnescapeDataString(path).Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public byte[] Answer(byte[] requestDer, Fault fault)
    {
        if (OcspMessages.DecodeRequest(requestDer) is not { } request)
        {
            return Status(OcspMessages.ResponseStatus.MalformedRequest);
        }

        var id = request.Id;
        var mine = OcspMessages.CertId.For(id.Serial, CertificateFacts.Read(issuer.RawData)!, id.HashOid);
        var now = DateTimeOffset.UtcNow;
        var thisUpdate = fault == Fault.Stale ? now.AddDays(-3) : now.AddMinutes(-1);
        var nextUpdate = fault == Fault.Stale ? now.AddDays(-2) : now + validity;
        var nonce = fault == Fault.WrongNonce ? RandomNumberGenerator.GetBytes(16) : request.Nonce;

        var (signingCert, signingKey) = fault == Fault.BadSignature ? Stranger() : (signer, signer.GetRSAPrivateKey()!);
        var data = new AsnWriter(AsnEncodingRules.DER);
        using (data.PushSequence())
        {
            using (data.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            {
                data.WriteEncodedValue(signingCert.SubjectName.RawData);
            }

            data.WriteGeneralizedTime(now, omitFractionalSeconds: true);
            using (data.PushSequence())
            {
                using (data.PushSequence())
                {
                    id.WriteTo(data);
                    WriteStatus(data, mine.SameAs(id) ? Issued.TryGetValue(Convert.ToHexString(id.Serial), out var revocation) ? (true, revocation) : (false, null) : (false, null));
                    data.WriteGeneralizedTime(thisUpdate, omitFractionalSeconds: true);
                    using (data.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                    {
                        data.WriteGeneralizedTime(nextUpdate, omitFractionalSeconds: true);
                    }
                }
            }

            if (nonce is not null)
            {
                using (data.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                {
                    using (data.PushSequence())
                    {
                        OcspMessages.WriteNonce(data, nonce);
                    }
                }
            }
        }

        var tbs = data.Encode();
        var signature = signingKey.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var basic = new AsnWriter(AsnEncodingRules.DER);
        using (basic.PushSequence())
        {
            basic.WriteEncodedValue(tbs);
            using (basic.PushSequence())
            {
                basic.WriteObjectIdentifier(SignedAsn1.Sha256WithRsa);
                basic.WriteNull();
            }

            basic.WriteBitString(signature);
            if (!ReferenceEquals(signingCert, issuer))
            {
                using (basic.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    using (basic.PushSequence())
                    {
                        basic.WriteEncodedValue(signingCert.RawData);
                    }
                }
            }
        }

        var response = new AsnWriter(AsnEncodingRules.DER);
        using (response.PushSequence())
        {
            response.WriteEnumeratedValue(OcspMessages.ResponseStatus.Successful);
            using (response.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                using (response.PushSequence())
                {
                    response.WriteObjectIdentifier(OcspMessages.BasicResponseOid);
                    response.WriteOctetString(basic.Encode());
                }
            }
        }

        return response.Encode();
    }

    /// <summary>A delegated responder certificate for <paramref name="ca"/> (its key included), as a CA gives its OCSP responder.</summary>
    public static X509Certificate2 CreateDelegate(X509Certificate2 ca, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=OCSP Responder for {ca.GetNameInfo(X509NameType.SimpleName, false)}, O=JPKI (development), C=JP",
            key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(OcspMessages.OcspSigningPurposeOid)], false));
        // id-pkix-ocsp-nocheck: the responder's own certificate is not checked for revocation (RFC 6960 §4.2.2.2.1).
        request.CertificateExtensions.Add(new X509Extension("1.3.6.1.5.5.7.48.1.5", [0x05, 0x00], false));
        using var caKey = ca.GetRSAPrivateKey()!;
        return request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), notBefore, notAfter,
            JpkiCertificateFactory.NewSerial()).CopyWithPrivateKey(key);
    }

    private static byte[] Status(OcspMessages.ResponseStatus status)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEnumeratedValue(status);
        }

        return writer.Encode();
    }

    private static void WriteStatus(AsnWriter writer, (bool Known, Revocation? Revocation) state)
    {
        if (!state.Known)
        {
            writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 2));
        }
        else if (state.Revocation is { } revoked)
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
            {
                writer.WriteGeneralizedTime(revoked.At, omitFractionalSeconds: true);
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    writer.WriteEnumeratedValue(revoked.Reason);
                }
            }
        }
        else
        {
            writer.WriteNull(new Asn1Tag(TagClass.ContextSpecific, 0));
        }
    }

    private X509Certificate2? _stranger;

    /// <summary>A responder certificate with the OCSP purpose made by another CA: not one the issuer authorised.</summary>
    private (X509Certificate2, RSA) Stranger()
    {
        _stranger ??= CreateDelegate(JpkiCertificateFactory.CreateRoot("Stranger CA", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1)),
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return (_stranger, _stranger.GetRSAPrivateKey()!);
    }
}
