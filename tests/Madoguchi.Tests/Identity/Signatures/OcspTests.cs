using System.Net;
using System.Security.Cryptography;
using Madoguchi.Identity.Signatures;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.Verification;
using Madoguchi.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// Certificates that name an OCSP responder (AIA id-ad-ocsp) are checked with it: the local
/// responder on Kestrel signs real RFC 6960 responses with the test PKI; misbehaving responders
/// (foreign signer, wrong nonce, stale answer) and an unreachable one are refused, each with its
/// own message, and nothing is stored as signed. Over HTTP, on SQLite and PostgreSQL.
/// </summary>
public sealed class OcspTests(SignatureApp app) : IClassFixture<SignatureApp>
{
    private const string Unreachable = "http://127.0.0.1:9/ocsp";

    private string Responder(string path) => new Uri(app.SignService.BaseAddress, path).ToString();

    private Task<int> StoredSignaturesAsync(Guid application) =>
        app.DbAsync(db => db.Set<SignatureRecord>().IgnoreQueryFilters().CountAsync(s => s.ApplicationId == application));

    [Theory]
    [InlineData("/ocsp")]
    [InlineData("/ocsp/by-ca")]
    public async Task A_good_answer_from_the_issuer_or_its_delegated_responder_makes_the_signature_valid(string path)
    {
        var draft = await MovingOut.StartAsync(app);
        var certificate = app.Pki.OcspResident(Responder(path));
        var response = await draft.UploadAsync(app.Pki.SignCms(certificate, await draft.DocumentAsync()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("署名検証: 有効", (await draft.Resident.GetPageAsync(draft.SignPage)).Text);
        Assert.Equal(1, await StoredSignaturesAsync(draft.Id));
    }

    public enum Case
    {
        Revoked,
        Unknown,
        BadResponderSignature,
        WrongNonce,
        Stale,
        UnreachableWithoutCrl,
    }

    [Theory]
    [InlineData(Case.Revoked, "失効しています（OCSPレスポンダーの回答）")]
    [InlineData(Case.Unknown, "この署名用電子証明書を知らないと回答した")]
    [InlineData(Case.BadResponderSignature, "回答の署名を確認できない")]
    [InlineData(Case.WrongNonce, "ナンスが一致しない")]
    [InlineData(Case.Stale, "回答が古く")]
    [InlineData(Case.UnreachableWithoutCrl, "失効情報（OCSP）を確認できない")]
    public async Task Each_bad_OCSP_answer_is_refused_with_its_own_message_and_nothing_is_stored(Case bad, string message)
    {
        var pki = app.Pki;
        var certificate = bad switch
        {
            Case.Revoked => pki.OcspResident(Responder("/ocsp"), revoked: true),
            Case.Unknown => pki.OcspResident(Responder("/ocsp"), known: false),
            Case.BadResponderSignature => pki.OcspResident(Responder("/ocsp/bad-signature")),
            Case.WrongNonce => pki.OcspResident(Responder("/ocsp/wrong-nonce")),
            Case.Stale => pki.OcspResident(Responder("/ocsp/stale")),
            _ => pki.OcspResident(Unreachable),
        };

        var draft = await MovingOut.StartAsync(app);
        var response = await draft.UploadAsync(pki.SignCms(certificate, await draft.DocumentAsync()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var summary = page.QuerySelector(".error-summary")!.TextContent;
        Assert.True(summary.Contains(message, StringComparison.Ordinal), summary);
        Assert.Equal(0, await StoredSignaturesAsync(draft.Id));
    }

    [Fact]
    public async Task A_good_answer_is_kept_until_its_next_update_and_a_revoked_one_is_asked_each_time()
    {
        var verifier = app.Services.GetRequiredService<CertificateVerifier>();
        var good = app.Pki.OcspResident(Responder("/ocsp"));
        var revoked = app.Pki.OcspResident(Responder("/ocsp"), revoked: true);
        var before = app.Pki.Responder.Requests;
        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await verifier.VerifyAsync(verifier.Read(good.RawData)!, [app.Pki.OcspCa.RawData], DateTime.UtcNow, default)).Failure);
        }

        Assert.Equal(before + 1, app.Pki.Responder.Requests);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal("ocsp-revoked", (await verifier.VerifyAsync(verifier.Read(revoked.RawData)!, [app.Pki.OcspCa.RawData], DateTime.UtcNow, default)).Failure?.Code);
        }

        Assert.Equal(before + 3, app.Pki.Responder.Requests);
    }

    [Fact]
    public async Task An_unreachable_responder_gives_way_to_the_CRL_configured_for_the_issuer()
    {
        var verifier = app.Services.GetRequiredService<CertificateVerifier>();
        var now = DateTimeOffset.UtcNow;
        var good = JpkiCertificateFactory.CreateResident(app.Pki.Intermediate, TestPki.Yamada, RSA.Create(2048), now.AddDays(-1), now.AddYears(1), ocspUrl: Unreachable);
        var revoked = JpkiCertificateFactory.CreateResident(app.Pki.Intermediate, TestPki.Yamada, RSA.Create(2048), now.AddDays(-1), now.AddYears(1),
            ocspUrl: Unreachable, serial: app.Pki.Revoked.SerialNumberBytes.ToArray());
        Assert.Null((await verifier.VerifyAsync(verifier.Read(good.RawData)!, [app.Pki.Intermediate.RawData], DateTime.UtcNow, default)).Failure);
        Assert.Equal("revoked", (await verifier.VerifyAsync(verifier.Read(revoked.RawData)!, [app.Pki.Intermediate.RawData], DateTime.UtcNow, default)).Failure?.Code);
    }

    [Fact]
    public async Task A_request_within_255_bytes_goes_as_GET_and_a_longer_one_as_POST()
    {
        var verifier = app.Services.GetRequiredService<CertificateVerifier>();
        var nearby = app.Pki.OcspResident(Responder("/ocsp"));
        var faraway = app.Pki.OcspResident(Responder(SignServiceHost.LongOcspPath));
        var responder = app.Pki.Responder;
        var (gets, posts) = (responder.GetRequests, responder.PostRequests);

        Assert.Null((await verifier.VerifyAsync(verifier.Read(nearby.RawData)!, [app.Pki.OcspCa.RawData], DateTime.UtcNow, default)).Failure);
        Assert.Equal((gets + 1, posts), (responder.GetRequests, responder.PostRequests));

        Assert.Null((await verifier.VerifyAsync(verifier.Read(faraway.RawData)!, [app.Pki.OcspCa.RawData], DateTime.UtcNow, default)).Failure);
        Assert.Equal((gets + 1, posts + 1), (responder.GetRequests, responder.PostRequests));
    }

    [Fact]
    public async Task The_GET_form_is_the_url_escaped_base64_of_the_request_and_the_responder_answers_it()
    {
        // RFC 6960 A.1: base64 first, then URL-escaped ('+', '/' and '=' are not path characters).
        Assert.Equal("http://responder.example/ocsp/%2B%2F8%3D", OcspClient.GetUrl("http://responder.example/ocsp/", [0xFB, 0xFF]));

        var issuer = CertificateFacts.Read(app.Pki.OcspCa.RawData)!;
        var certificate = app.Pki.OcspResident(Responder("/ocsp"), revoked: true);
        var id = OcspMessages.CertId.For(certificate.SerialNumberBytes.ToArray(), issuer, OcspMessages.Sha1Oid);
        var nonce = RandomNumberGenerator.GetBytes(16);
        using var http = new HttpClient();
        var url = OcspClient.GetUrl(Responder("/ocsp"), OcspMessages.EncodeRequest(id, nonce));
        Assert.True(url.Length <= OcspClient.MaxGetUrlLength, url);
        var response = OcspMessages.DecodeResponse(await http.GetByteArrayAsync(url))!;
        Assert.Equal(OcspMessages.ResponseStatus.Successful, response.Status);
        Assert.Equal(nonce, response.Nonce);
        Assert.Equal(OcspMessages.CertStatus.Revoked, Assert.Single(response.Responses).Status);

        var garbage = OcspMessages.DecodeResponse(await http.GetByteArrayAsync(Responder("/ocsp") + "/not%20an%20OCSP%20request"))!;
        Assert.Equal(OcspMessages.ResponseStatus.MalformedRequest, garbage.Status);
    }

    [Fact]
    public void Request_and_response_are_RFC_6960_DER_with_the_nonce_echoed()
    {
        var issuer = CertificateFacts.Read(app.Pki.OcspCa.RawData)!;
        var certificate = app.Pki.OcspResident(Responder("/ocsp"));
        foreach (var hash in new[] { OcspMessages.Sha1Oid, OcspMessages.Sha256Oid })
        {
            var id = OcspMessages.CertId.For(certificate.SerialNumberBytes.ToArray(), issuer, hash);
            var nonce = RandomNumberGenerator.GetBytes(16);
            var decoded = OcspMessages.DecodeRequest(OcspMessages.EncodeRequest(id, nonce));
            Assert.NotNull(decoded);
            Assert.True(decoded.Value.Id.SameAs(id));
            Assert.Equal(nonce, decoded.Value.Nonce);

            var response = OcspMessages.DecodeResponse(app.Pki.Responder.Answer(OcspMessages.EncodeRequest(id, nonce), OcspResponder.Fault.None))!;
            Assert.Equal(OcspMessages.ResponseStatus.Successful, response.Status);
            Assert.Equal(nonce, response.Nonce);
            var single = Assert.Single(response.Responses);
            Assert.True(single.Id.SameAs(id));
            Assert.Equal(OcspMessages.CertStatus.Good, single.Status);
            Assert.NotNull(single.NextUpdate);
            Assert.Equal(app.Pki.OcspDelegate.RawData, Assert.Single(response.Certificates));
        }

        Assert.Null(OcspMessages.DecodeResponse(new byte[] { 0x30, 0x03, 0x02, 0x01 }));
        Assert.Equal(OcspMessages.ResponseStatus.MalformedRequest, OcspMessages.DecodeResponse(app.Pki.Responder.Answer([1, 2, 3], OcspResponder.Fault.None))!.Status);
    }
}
