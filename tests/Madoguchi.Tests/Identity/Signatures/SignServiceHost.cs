using System.Security.Cryptography.X509Certificates;
using Madoguchi.Identity.Signatures.DevSignService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Tests.Identity.Signatures;

/// <summary>
/// The local デジタル認証アプリ signing service on Kestrel (127.0.0.1, a free port), holding the
/// test PKI's cards. The relying party reaches it over a real socket, as it would the national service.
/// It also serves a CRL at /crl/intermediate.crl (to test CRLs fetched by URL) and counts those fetches,
/// and the OCSP CA's responders under /ocsp (faithful, also at a long address) and /ocsp/{fault} (the misbehaving ones).
/// </summary>
public sealed class SignServiceHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    public SignServiceHost(TestPki pki, string clientId, Func<Uri> relyingParty)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        _app = builder.Build();
        var http = new HttpClient();
        var cards = new List<SignServiceState.Card>
        {
            new("good", "山田　太郎（有効な証明書）", pki.Good, [pki.Intermediate]),
            new("revoked", "失効した証明書", pki.Revoked, [pki.Intermediate]),
            new("expired", "有効期限切れの証明書", pki.Expired, [pki.Intermediate]),
            new("wrong-issuer", "信頼しない認証局の証明書", pki.WrongIssuer, [pki.Intermediate]),
        };
        State = new SignServiceState(clientId, async ct =>
            new JsonWebKeySet(await http.GetStringAsync(new Uri(relyingParty(), "/.well-known/madoguchi-rp-jwks.json"), ct)), cards);
        _app.MapSignService("", State);
        _app.MapGet("/crl/intermediate.crl", () =>
        {
            Interlocked.Increment(ref CrlFetches);
            return Microsoft.AspNetCore.Http.Results.Bytes(File.ReadAllBytes(pki.IntermediateCrlPath), "application/pkix-crl");
        });
        pki.Responder.Map(_app, "/ocsp");
        pki.Responder.Map(_app, "/ocsp/bad-signature", OcspResponder.Fault.BadSignature);
        pki.Responder.Map(_app, "/ocsp/wrong-nonce", OcspResponder.Fault.WrongNonce);
        pki.Responder.Map(_app, "/ocsp/stale", OcspResponder.Fault.Stale);
        pki.ResponderByCa.Map(_app, "/ocsp/by-ca");
        pki.Responder.Map(_app, LongOcspPath);
        _app.StartAsync().GetAwaiter().GetResult();
        BaseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>A responder address so long that the GET form of a request would pass 255 bytes (RFC 5019 §5), so it is POSTed.</summary>
    public static readonly string LongOcspPath = "/ocsp/a-long-responder-address/" + new string('x', 200);

    public int CrlFetches;

    internal SignServiceState State { get; }

    public Uri BaseAddress { get; }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
