using System.Net.Http.Headers;
using System.Security.Cryptography;
using Madoguchi.Identity.Signatures.DevSignService;
using Madoguchi.Identity.Signatures.Verification;
using Madoguchi.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// Demo mode (./run): the dev PKI's OCSP responder under /dev-sign/ocsp answers RFC 6960 requests
/// over HTTP for the demo cards — good for the OCSP card, revoked (with time and reason) for the
/// revoked one — signed by its delegated responder certificate.
/// </summary>
public sealed class DevOcspResponderTests(DevOcspResponderTests.DevApp app) : IClassFixture<DevOcspResponderTests.DevApp>
{
    public sealed class DevApp : MadoguchiApp
    {
        public DevApp() => With("Signatures:DevService:Enabled", "true");
    }

    private async Task<OcspMessages.Response> AskAsync(string cardKey, byte[] nonce)
    {
        var card = app.Services.GetRequiredService<DevSignPki>().Cards.Single(c => c.Key == cardKey);
        var issuer = CertificateFacts.Read(card.Chain[0].RawData)!;
        var id = OcspMessages.CertId.For(card.Certificate.SerialNumberBytes.ToArray(), issuer, OcspMessages.Sha256Oid);
        using var content = new ByteArrayContent(OcspMessages.EncodeRequest(id, nonce));
        content.Headers.ContentType = new MediaTypeHeaderValue(OcspMessages.RequestMediaType);
        using var response = await app.CreateClient().PostAsync("/dev-sign/ocsp", content);
        Assert.Equal(OcspMessages.ResponseMediaType, response.Content.Headers.ContentType?.MediaType);
        var answer = OcspMessages.DecodeResponse(await response.Content.ReadAsByteArrayAsync())!;
        Assert.True(Assert.Single(answer.Responses).Id.SameAs(id));
        return answer;
    }

    [Fact]
    public async Task The_OCSP_card_is_good_and_the_revoked_card_is_revoked_with_time_and_reason()
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        var good = await AskAsync("yamada-ocsp", nonce);
        Assert.Equal(OcspMessages.CertStatus.Good, good.Responses[0].Status);
        Assert.Equal(nonce, good.Nonce);
        var responder = CertificateFacts.Read(Assert.Single(good.Certificates))!;
        Assert.True(SignedAsn1.Verify(good.Signed!, responder.Rsa!));

        var revoked = (await AskAsync("revoked", RandomNumberGenerator.GetBytes(16))).Responses[0];
        Assert.Equal(OcspMessages.CertStatus.Revoked, revoked.Status);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Equal((int)System.Security.Cryptography.X509Certificates.X509RevocationReason.KeyCompromise, revoked.RevocationReason);
    }
}
