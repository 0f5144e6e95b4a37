using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Madoguchi.Tests.Identity;

/// <summary>What the fake provider puts in the id_token it returns.</summary>
public enum IdTokenFlaw
{
    None,
    WrongIssuer,
    Expired,
    BadSignature,
    WrongNonce,
    WrongAudience,
}

/// <summary>
/// A tiny OpenID provider shaped like the national app (Keycloak paths, plain-string userinfo,
/// YYYYMMDD birthdate) that can be told to return a flawed id_token, and records token requests.
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RsaSecurityKey _signingKey = new(RSA.Create(2048)) { KeyId = "fake-op-key" };
    private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "fake-op-key" };
    private readonly ConcurrentDictionary<string, string> _nonceByCode = new();

    public FakeProvider()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/realms/main/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/protocol/openid-connect/auth",
            ["token_endpoint"] = TokenEndpoint,
            ["userinfo_endpoint"] = Issuer + "/protocol/openid-connect/userinfo",
            ["jwks_uri"] = Issuer + "/protocol/openid-connect/certs",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        _app.MapGet("/realms/main/protocol/openid-connect/certs", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_signingKey.Rsa.ExportParameters(false)) { KeyId = _signingKey.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, n = jwk.N, e = jwk.E, use = "sig", alg = "RS256" } } });
        });
        _app.MapGet("/realms/main/protocol/openid-connect/auth", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            _nonceByCode[code] = request.Query["nonce"].ToString();
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}&session_state=s1");
        });
        _app.MapPost("/realms/main/protocol/openid-connect/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form.ToDictionary(f => f.Key, f => f.Value.ToString()));
            var nonce = _nonceByCode.TryRemove(form["code"].ToString(), out var n) ? n : "";
            return Results.Json(new
            {
                access_token = "fake-access-token",
                token_type = "Bearer",
                expires_in = 300,
                id_token = IdToken(form["client_id"].ToString(), nonce),
            });
        }).DisableAntiforgery();
        _app.MapGet("/realms/main/protocol/openid-connect/userinfo", () => Results.Json(new Dictionary<string, string>
        {
            ["sub"] = Subject,
            ["name"] = "伊藤 美咲",
            ["address"] = "宮城県栗原市築館薬師一丁目7番1号",
            ["birthdate"] = "19851010",
            ["gender"] = "2",
        }));
        _app.StartAsync().GetAwaiter().GetResult();
        Issuer = _app.Urls.First().TrimEnd('/') + "/realms/main";
    }

    public string Issuer { get; private set; } = "";
    public string TokenEndpoint => Issuer + "/protocol/openid-connect/token";
    public string Subject { get; } = "fake-ppid-" + Guid.NewGuid().ToString("N");
    public IdTokenFlaw Flaw { get; set; }
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();

    private string IdToken(string clientId, string nonce)
    {
        var now = DateTime.UtcNow;
        var issuedAt = Flaw == IdTokenFlaw.Expired ? now.AddHours(-2) : now;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Flaw == IdTokenFlaw.WrongIssuer ? "https://evil.example/realms/main" : Issuer,
            Audience = Flaw == IdTokenFlaw.WrongAudience ? "SomeoneElse" : clientId,
            Subject = new ClaimsIdentity([
                new Claim("sub", Subject),
                new Claim("nonce", Flaw == IdTokenFlaw.WrongNonce ? "not-the-nonce" : nonce),
                new Claim("acr", "aal3"),
            ]),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt.AddMinutes(5),
            SigningCredentials = new SigningCredentials(Flaw == IdTokenFlaw.BadSignature ? _otherKey : _signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
