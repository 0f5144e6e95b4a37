using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Madoguchi.Identity.Signatures.Verification;

/// <summary>
/// Asks the OCSP responder a certificate names (AIA id-ad-ocsp) about it (RFC 6960): the request
/// with a fresh nonce goes as a GET (appendix A.1) when the whole URL stays within 255 bytes, as
/// RFC 5019 §5 requires, else as a POST of application/ocsp-request; the answer is believed only if it is signed
/// by the issuer or by a responder certificate the issuer made for OCSP signing, echoes the nonce,
/// is about this certificate and is current. Good answers are kept until their nextUpdate.
/// </summary>
internal sealed class OcspClient(IHttpClientFactory http, IOptions<SignatureOptions> options, TimeProvider time, ILogger<OcspClient> log)
{
    public const string HttpClientName = "signatures-ocsp";

    /// <summary>RFC 5019 §5: a request of at most 255 bytes in all (scheme, host, path and the encoded request) is sent as GET.</summary>
    public const int MaxGetUrlLength = 255;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public enum Outcome
    {
        Good,
        Revoked,
        Unknown,
        BadSignature,
        NonceMismatch,
        Stale,
        BadResponse,
        Unreachable,
    }

    public sealed record Answer(Outcome Outcome, DateTime? RevokedAt = null, int? RevocationReason = null);

    private readonly ConcurrentDictionary<(string Issuer, string Serial), DateTime> _goodUntil = new();

    /// <summary>How many requests were sent (tests and the benchmark check the cache with it).</summary>
    public int Requests;

    public async Task<Answer> CheckAsync(CertificateFacts certificate, CertificateFacts issuer, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var key = (issuer.Fingerprint, Convert.ToHexString(certificate.SerialNumber));
        if (_goodUntil.TryGetValue(key, out var until) && now <= until)
        {
            return new Answer(Outcome.Good);
        }

        var hashOid = string.Equals(options.Value.OcspHashAlgorithm, "SHA256", StringComparison.OrdinalIgnoreCase) ? OcspMessages.Sha256Oid : OcspMessages.Sha1Oid;
        var id = OcspMessages.CertId.For(certificate.SerialNumber, issuer, hashOid);
        var nonce = RandomNumberGenerator.GetBytes(16);
        var request = OcspMessages.EncodeRequest(id, nonce);
        Answer? last = null;
        foreach (var url in certificate.OcspUrls)
        {
            var bytes = await AskAsync(url, request, ct);
            if (bytes is null)
            {
                last ??= new Answer(Outcome.Unreachable);
                continue;
            }

            var answer = Judge(bytes, id, nonce, issuer, time.GetUtcNow().UtcDateTime, out var nextUpdate);
            if (answer.Outcome == Outcome.Good && nextUpdate is { } next)
            {
                _goodUntil[key] = next;
            }

            if (answer.Outcome is not Outcome.Unreachable)
            {
                if (answer.Outcome is not Outcome.Good)
                {
                    log.LogWarning("OCSP {Url} answered {Outcome} for serial {Serial} (revoked at {RevokedAt}, reason {Reason})",
                        url, answer.Outcome, key.Item2, answer.RevokedAt, answer.RevocationReason);
                }

                return answer;
            }

            last = answer;
        }

        return last ?? new Answer(Outcome.Unreachable);
    }

    /// <summary>RFC 6960 A.1: {url}/{url-encoding of the base64 of the DER OCSPRequest}.</summary>
    public static string GetUrl(string responderUrl, byte[] request) =>
        responderUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(Convert.ToBase64String(request));

    private async Task<byte[]?> AskAsync(string url, byte[] request, CancellationToken ct)
    {
        Interlocked.Increment(ref Requests);
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.Timeout = TimeSpan.FromSeconds(options.Value.FetchTimeoutSeconds);
            var getUrl = GetUrl(url, request);
            using var content = new ByteArrayContent(request);
            content.Headers.ContentType = new MediaTypeHeaderValue(OcspMessages.RequestMediaType);
            using var response = getUrl.Length <= MaxGetUrlLength
                ? await client.GetAsync(getUrl, ct)
                : await client.PostAsync(url, content, ct);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("OCSP responder {Url} answered HTTP {Status}", url, (int)response.StatusCode);
                return null;
            }

            return await response.Content.ReadAsByteArrayAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or UriFormatException)
        {
            log.LogWarning("OCSP responder {Url} cannot be reached: {Reason}", url, e.Message);
            return null;
        }
    }

    private Answer Judge(byte[] bytes, OcspMessages.CertId id, byte[] nonce, CertificateFacts issuer, DateTime now, out DateTime? nextUpdate)
    {
        nextUpdate = null;
        var response = OcspMessages.DecodeResponse(bytes);
        if (response is null)
        {
            return new Answer(Outcome.BadResponse);
        }

        // tryLater, internalError …: the responder is there but cannot answer now, as if unreachable.
        if (response.Status != OcspMessages.ResponseStatus.Successful || response.Signed is null)
        {
            log.LogWarning("OCSP responder answered status {Status}", response.Status);
            return new Answer(Outcome.Unreachable);
        }

        if (!SignedByIssuerOrDelegate(response, issuer, now))
        {
            return new Answer(Outcome.BadSignature);
        }

        // A response without a nonce may be a pre-produced one (RFC 5019); freshness then decides.
        if (response.Nonce is { } echoed && !CryptographicOperations.FixedTimeEquals(echoed, nonce))
        {
            return new Answer(Outcome.NonceMismatch);
        }

        var single = response.Responses.FirstOrDefault(r => r.Id.SameAs(id));
        if (single is null)
        {
            return new Answer(Outcome.BadResponse);
        }

        var maxAge = TimeSpan.FromMinutes(options.Value.OcspMaxAgeMinutes);
        if (single.ThisUpdate > now + ClockSkew
            || (single.NextUpdate is { } next ? next < now - ClockSkew : single.ThisUpdate < now - maxAge))
        {
            return new Answer(Outcome.Stale);
        }

        nextUpdate = single.NextUpdate;
        return single.Status switch
        {
            OcspMessages.CertStatus.Good => new Answer(Outcome.Good),
            OcspMessages.CertStatus.Revoked => new Answer(Outcome.Revoked, single.RevokedAt, single.RevocationReason),
            _ => new Answer(Outcome.Unknown),
        };
    }

    /// <summary>
    /// RFC 6960 §4.2.2.2: the issuer itself, or a certificate in the response that the issuer
    /// signed, that carries id-kp-OCSPSigning, is valid now, and is the one the ResponderID names.
    /// </summary>
    private static bool SignedByIssuerOrDelegate(OcspMessages.Response response, CertificateFacts issuer, DateTime now)
    {
        if (Names(response, issuer) && issuer.Rsa is { } issuerKey && SignedAsn1.Verify(response.Signed!, issuerKey))
        {
            return true;
        }

        foreach (var der in response.Certificates)
        {
            var responder = CertificateFacts.Read(der);
            if (responder is null || !Names(response, responder) || responder.Rsa is not { } key
                || !responder.Issuer.SequenceEqual(issuer.Subject) || issuer.Rsa is not { } signer || !SignedAsn1.Verify(responder.Signed, signer)
                || now < responder.NotBefore || now > responder.NotAfter
                || responder.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } purposes
                || !purposes.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == OcspMessages.OcspSigningPurposeOid))
            {
                continue;
            }

            if (SignedAsn1.Verify(response.Signed!, key))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Names(OcspMessages.Response response, CertificateFacts candidate) =>
        response.ResponderName is { } name
            ? candidate.Subject.SequenceEqual(name)
            : response.ResponderKeyHash is { } hash && SHA1.HashData(candidate.Certificate.PublicKey.EncodedKeyValue.RawData).AsSpan().SequenceEqual(hash);
}
