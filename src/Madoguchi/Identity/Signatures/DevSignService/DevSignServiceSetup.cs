using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Identity.Signatures.DevSignService;

/// <summary>
/// Demo mode only (<c>Signatures:DevService:Enabled</c>, set by ./run): the local signing service
/// mounted under /dev-sign of this host, its PKI trusted, so a demo resident can sign with a test card.
/// </summary>
internal static class DevSignServiceSetup
{
    public const string Prefix = "/dev-sign";

    public static void AddDevSignService(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DevSignPki>();
        builder.Services.AddOptions<SignatureOptions>().PostConfigure<DevSignPki>((o, pki) =>
        {
            o.TrustAnchorPaths = [.. o.TrustAnchorPaths, pki.RootPath];
            o.CrlSources = [.. o.CrlSources, pki.RootCrlPath, pki.IntermediateCrlPath];
        });
    }

    public static void MapDevSignService(this WebApplication app)
    {
        var pki = app.Services.GetRequiredService<DevSignPki>();
        var key = app.Services.GetRequiredService<RelyingPartyKey>();
        var resultKey = app.Services.GetRequiredService<SignApp.SignResultKey>();
        var options = app.Services.GetRequiredService<IOptions<SignatureOptions>>().Value;
        var clientId = options.ClientId is { Length: > 0 } id ? id : app.Services.GetRequiredService<IOptions<ResidentIdentityOptions>>().Value.ClientId;
        var state = new SignServiceState(clientId, _ => Task.FromResult<JsonWebKeySet?>(new JsonWebKeySet(key.PublicJwks(resultKey.PublicJwk()))), pki.Cards);
        app.MapSignService(Prefix, state);
        pki.Responder.Map(app, Prefix + "/ocsp");
    }
}
